import { describe, expect, it } from 'vitest'

import { DATASET_CATALOG, parseDataFile, publicDataset } from './datasetCatalog'
import { EMOTIONS } from './emotion'
import { buildEmotionNames, emotionFromName } from './emotionNames'
import { FERPLUS_VOTE_NAMES } from './ferplus'
import { PublicDataset } from './publicDataset'

describe('the dataset catalog (datasets/*.json)', () => {
  it('knows the six public FER datasets, each mapping all seven emotions once', () => {
    expect(DATASET_CATALOG.map((d) => d.id)).toEqual([
      'fer2013',
      'ferplus',
      'ckplus',
      'rafdb',
      'affectnet',
      'jaffe',
    ])
    for (const dataset of DATASET_CATALOG) {
      const mapped = dataset.classes.flatMap((c) => (c.emotion ? [c.emotion] : []))
      expect([...mapped].sort(), dataset.id).toEqual([...EMOTIONS].sort())
    }
  })

  it("has FER2013's numeric labels in our label order, and FER+'s vote columns in file order", () => {
    expect(publicDataset('fer2013').classes.map((c) => [c.index, c.emotion])).toEqual(
      EMOTIONS.map((e, i) => [i, e]),
    )
    expect(FERPLUS_VOTE_NAMES.join(',')).toBe(
      'neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF',
    )
  })

  it('names the file and the field when a data file is wrong', () => {
    const broken = structuredClone(publicDataset('rafdb')) as { classes: { emotion: string }[] }
    broken.classes[3]!.emotion = 'happiness'
    expect(() => parseDataFile('datasets/rafdb.json', PublicDataset, broken)).toThrow(
      /^datasets\/rafdb\.json: classes\.3\.emotion: /,
    )
    const twice = structuredClone(publicDataset('jaffe'))
    twice.classes[1] = { ...twice.classes[1]!, emotion: 'angry' }
    expect(() => parseDataFile('datasets/jaffe.json', PublicDataset, twice)).toThrow(
      'two classes map to angry',
    )
  })
})

describe('class names from the catalog', () => {
  it('maps every dataset spelling and the other spellings, and nothing without an emotion', () => {
    expect(emotionFromName('Happiness')).toBe('happy')
    expect(emotionFromName(' Anger ')).toBe('angry')
    expect(emotionFromName('scared')).toBe('fear')
    expect(emotionFromName('Contempt')).toBeNull()
    expect(emotionFromName('Non-Face')).toBeNull()
    expect(emotionFromName('HA')).toBeNull()
  })

  it('refuses a name that two sources map to different emotions', () => {
    expect(() => buildEmotionNames(DATASET_CATALOG, { sadness: 'neutral' })).toThrow(
      "datasets/label-names.json: 'sadness' means neutral here but sad elsewhere",
    )
  })
})
