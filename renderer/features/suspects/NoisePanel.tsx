import type { SuspectJobDetail } from '../../../shared/domain'
import { ConfusionMatrix } from '../../components/ConfusionMatrix'
import { formatPercent } from '../../lib/format'

type Props = Readonly<{ detail: SuspectJobDetail }>

/**
 * The job's estimated label noise as a heatmap (faces by given and probable true label) beside
 * the out-of-fold confusion matrix it came from, and the check against FER+ where votes exist.
 */
export function NoisePanel({ detail }: Props) {
  const { noise, ferPlus } = detail
  return (
    <section className="suspects-noise" aria-label="Label noise">
      {noise ? (
        <div className="suspects-matrices">
          <figure>
            <figcaption>Estimated label noise</figcaption>
            <ConfusionMatrix
              matrix={noise.calibratedJoint}
              normalized
              caption="Estimated label noise: given label against probable true label"
              axes={{ rows: 'given', columns: 'true' }}
              testId="noise-matrix"
            />
          </figure>
          <figure>
            <figcaption>Out-of-fold predictions</figcaption>
            <ConfusionMatrix
              matrix={noise.confusion}
              normalized
              caption="Out-of-fold predictions: given label against predicted label"
              axes={{ rows: 'given', columns: 'predicted' }}
            />
          </figure>
        </div>
      ) : null}
      {ferPlus ? (
        <table className="suspects-ferplus" data-testid="ferplus-check">
          <caption>Against FER+ ({ferPlus.facesWithMajority} faces with a majority)</caption>
          <tbody>
            {ferPlus.precisionAt.map((p) => (
              <tr key={p.n}>
                <th scope="row">Precision at {p.n}</th>
                <td>
                  {formatPercent(p.precision)}
                  {p.considered < p.n ? ` (of ${p.considered})` : ''}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Random baseline</th>
              <td>{formatPercent(ferPlus.baseline)}</td>
            </tr>
            <tr>
              <th scope="row">Suggestion = FER+ majority</th>
              <td>{formatPercent(ferPlus.suggestionMatchesMajority)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
