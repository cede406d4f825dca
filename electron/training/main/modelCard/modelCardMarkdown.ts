import type { ModelCard, ModelCardSplit } from '../../../../shared/domain/modelCard'

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`)
const f3 = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3))
const count = (n: number) => n.toLocaleString('en-US')

function duration(ms: number | null): string {
  if (ms === null) return 'n/a'
  const s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`
}

/** How long the recipe trains: an epoch count, or a time budget with the epochs as its cap. */
function trainingLength(recipe: ModelCard['recipe']): string {
  return recipe.timeBudgetMs === null
    ? `${recipe.epochs} epochs`
    : `a ${duration(recipe.timeBudgetMs)} time budget (at most ${recipe.epochs} epochs)`
}

function splitLine(s: ModelCardSplit): string {
  if (!s.evaluated)
    return `| ${s.split} | ${count(s.faces)} | ${s.faces === 0 ? 'no faces' : 'not evaluated'} | | | |`
  return `| ${s.split} | ${count(s.faces)} | ${pct(s.accuracy)} | ${f3(s.macroF1)} | ${s.tta ?? ''} | ${s.epoch ?? ''} |`
}

/** MODEL_CARD.md: the model card in words and tables, from the same record as model_card.json. */
export function modelCardMarkdown(card: ModelCard): string {
  const { dataset, training, recipe } = card
  const evaluated = card.splits.filter((s) => s.evaluated)
  const labels = evaluated[0]?.recall?.map((r) => r.label) ?? []
  const recallTable =
    evaluated.length === 0
      ? ['No split has been evaluated: per-class recall is not known.']
      : [
          `| class | ${evaluated.map((s) => `${s.split} recall`).join(' | ')} |`,
          `|---|${evaluated.map(() => '---:').join('|')}|`,
          ...labels.map(
            (label, k) =>
              `| ${label} | ${evaluated.map((s) => `${pct(s.recall?.[k]?.recall ?? null)} (${s.recall?.[k]?.support ?? 0})`).join(' | ')} |`,
          ),
        ]
  const notEvaluated = card.splits.filter((s) => !s.evaluated && s.faces > 0).map((s) => s.split)
  return [
    `# Model card: ${card.run.name} (run ${card.run.id})`,
    '',
    `Exported by ${card.generatedBy} ${card.appVersion} on ${card.exportedAtIso} as ${card.format}. ` +
      `The same record, machine-readable: \`model_card.json\`.`,
    '',
    '## Data',
    '',
    `Dataset **${dataset.name}** (id ${dataset.id}, from ${dataset.source}, ${dataset.faceSize}x${dataset.faceSize} faces): ` +
      `${count(dataset.faces.train)} train, ${count(dataset.faces.validation)} validation, ` +
      `${count(dataset.faces.test)} test faces; ${count(dataset.faces.excluded)} excluded.`,
    '',
    `Trained on the train split${recipe.maxTrainFaces === null ? '' : ` (at most ${count(recipe.maxTrainFaces)} faces)`}, ` +
      (card.splitsUsed.validation === 'validation'
        ? 'validated on the validation split.'
        : `validated on a stratified ${pct(card.splitsUsed.holdoutFraction)} holdout of train (the dataset has no validation faces).`),
    '',
    `Known flaws of the dataset (as \`fer-studio stats\` counts them): ${count(dataset.duplicates.groups)} groups of exact duplicates ` +
      `(${count(dataset.duplicates.facesInGroups)} faces), ${count(dataset.duplicates.crossSplitGroups)} of them across splits (train/test leakage), ` +
      `${count(dataset.duplicates.conflictingGroups)} with conflicting labels, ${count(dataset.duplicates.blankFaces)} blank faces.`,
    '',
    '## Input',
    '',
    card.input.description + '.',
    '',
    '## Recipe',
    '',
    `Preset ${recipe.model}, ${trainingLength(recipe)}, batch ${recipe.batchSize}, ${recipe.optimizer.kind} at learning rate ${recipe.learningRate} ` +
      `(${recipe.lrSchedule.kind} schedule), random crop ${recipe.crop === null ? 'none' : `${recipe.crop} px`}, seed ${recipe.seed}. ` +
      'Every setting:',
    '',
    '```json',
    JSON.stringify(recipe, null, 2),
    '```',
    '',
    '## Training',
    '',
    `${training.epochsRun} epochs run on ${training.backend ?? 'unknown'} x${training.threads ?? '?'} in ${duration(training.wallTimeMs)}; ` +
      `best epoch ${training.bestEpoch ?? 'none'} (its weights are the exported model).`,
    '',
    '## Quality',
    '',
    '| split | faces | accuracy | macro-F1 | TTA | epoch |',
    '|---|---:|---:|---:|---|---:|',
    ...card.splits.map(splitLine),
    '',
    notEvaluated.length === 0
      ? 'Every split was evaluated.'
      : `Not evaluated: ${notEvaluated.join(', ')} (run \`fer-studio evaluate --run ${card.run.id} --split <split>\`, then export again).`,
    '',
    '### Recall per class',
    '',
    ...recallTable,
    '',
  ].join('\n')
}
