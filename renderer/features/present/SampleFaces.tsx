import type { PresentRun } from '../../../shared/contract'
import { EMOTIONS, EMOTION_COLORS, type Emotion } from '../../../shared/domain'
import { faceImageUrl } from '../../api/mediaUrl'

type Samples = NonNullable<PresentRun['samples']>

/**
 * The sample validation faces with their true label and what the model predicts after the shown
 * epoch; a prediction that changes flashes, right ones are ticked, wrong ones crossed.
 */
export function SampleFaces({ samples, epoch }: Readonly<{ samples: Samples; epoch: number }>) {
  const probabilities = samples.epochs.find((e) => e.epoch === epoch)?.probabilities
  return (
    <ol className="present-faces" data-testid="present-faces">
      {samples.faces.map((face, k) => {
        const p = probabilities?.[k]
        const best = p ? p.indexOf(Math.max(...p)) : -1
        const predicted = EMOTIONS[best] as Emotion | undefined
        const right = predicted === face.label
        return (
          <li key={face.faceId} className="present-face" data-testid="present-face">
            <img
              src={faceImageUrl(face.faceId, 96)}
              alt={`A ${face.label} face`}
              width={88}
              height={88}
            />
            <span className="present-truth">{face.label}</span>
            {predicted && p ? (
              <span
                key={predicted}
                className={right ? 'present-pred right' : 'present-pred wrong'}
                style={{ backgroundColor: EMOTION_COLORS[predicted] }}
                data-testid="present-prediction"
                data-label={predicted}
              >
                {right ? '✓' : '✗'} {predicted} {Math.round((p[best] ?? 0) * 100)}%
              </span>
            ) : (
              <span className="present-pred">–</span>
            )}
          </li>
        )
      })}
    </ol>
  )
}
