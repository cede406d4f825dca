import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { DatasetRow } from './DatasetRow'

/** The datasets as a dense table: counts per split, class mix, duplicate findings, actions. */
export function DatasetTable() {
  const datasets = useDatasetsStore(datasetsSelectors.datasets)
  return (
    <div className="panel dataset-table-wrap">
      <table className="dataset-table" data-testid="dataset-table">
        <thead>
          <tr>
            <th>Name</th>
            <th className="num">Faces</th>
            <th className="num">Train</th>
            <th className="num">Validation</th>
            <th className="num">Test</th>
            <th>Classes</th>
            <th>Findings</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {datasets.map((dataset) => (
            <DatasetRow key={dataset.id} dataset={dataset} />
          ))}
        </tbody>
      </table>
    </div>
  )
}
