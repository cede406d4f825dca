import type { PublicDataset } from '../../../shared/domain'
import { DATASET_CATALOG } from '../../../shared/domain'

const FORMAT_LABEL: Readonly<Record<PublicDataset['formats'][number]['format'], string>> = {
  'fer2013-csv': 'FER2013 CSV',
  folder: 'Folder per class',
  manifest: 'Manifest CSV',
  'ferplus-votes': 'FER+ votes…',
}

/** How one dataset's classes land on our labels, e.g. "Happiness → happy". */
function classMapping(dataset: PublicDataset): string {
  return dataset.classes.map((c) => `${c.name} → ${c.emotion ?? 'not imported'}`).join(', ')
}

/**
 * What the studio knows about each public FER dataset (the datasets/ folder): how to bring it in,
 * how its classes map onto ours, its licence and how to cite it. Collapsed until asked for.
 */
export function PublicDatasetsGuide({
  catalog = DATASET_CATALOG,
}: {
  catalog?: readonly PublicDataset[]
}) {
  return (
    <details className="public-datasets" data-testid="public-datasets">
      <summary>Public FER datasets: formats, classes, licences</summary>
      {catalog.map((dataset) => (
        <section key={dataset.id} className="public-dataset" data-testid={`public-${dataset.id}`}>
          <h3>{dataset.name}</h3>
          <p>{dataset.summary}</p>
          <dl>
            <dt>Import as</dt>
            {dataset.formats.map((f) => (
              <dd key={f.format + f.layout}>
                <strong>{FORMAT_LABEL[f.format]}</strong>: {f.layout}
              </dd>
            ))}
            <dt>Classes</dt>
            <dd data-testid={`public-${dataset.id}-classes`}>{classMapping(dataset)}</dd>
            <dt>Licence</dt>
            <dd>{dataset.licence}</dd>
            <dt>Cite</dt>
            <dd className="citation">{dataset.citation}</dd>
          </dl>
        </section>
      ))}
    </details>
  )
}
