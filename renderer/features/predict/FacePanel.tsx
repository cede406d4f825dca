import { useMemo } from 'react'

import { EmotionBadge } from '../../components/EmotionBadge'
import { PixelCanvas } from '../../components/PixelCanvas'
import { base64ToBytes } from '../../lib/imageBytes'
import { predictSelectors, usePredictStore } from '../../stores/predict/predictStore'
import { AddFaceForm } from './AddFaceForm'
import { ProbabilityBars } from './ProbabilityBars'

/** The selected face of a photo: the crop the model saw, its seven probabilities, add it. */
export function FacePanel() {
  const photo = usePredictStore(predictSelectors.selectedPhoto)
  const selected = usePredictStore((s) => s.selected)
  const face = selected === null ? undefined : photo?.result?.faces[selected.face]
  const size = photo?.result?.cropSize ?? 48
  const pixels = useMemo(() => (face ? Array.from(base64ToBytes(face.crop)) : []), [face])
  if (!photo || !face || !selected) {
    return (
      <section className="panel predict-face-panel" aria-label="Face">
        <div className="panel-title">Face</div>
        <p className="panel-body muted">Open a photo and pick a face to see its probabilities.</p>
      </section>
    )
  }
  return (
    <section className="panel predict-face-panel" aria-label="Face" data-testid="predict-face">
      <div className="panel-title">
        Face {selected.face + 1} of {photo.result?.faces.length}
        <EmotionBadge emotion={face.label} title="predicted" />
      </div>
      <div className="panel-body predict-face-body">
        <div className="row">
          <PixelCanvas
            size={size}
            pixels={pixels}
            displaySize={144}
            label="Face as the model sees it"
          />
          <p className="muted small">
            Cropped like FER2013: square, grayscale, {size}×{size}. Detector confidence{' '}
            {Math.round(face.detectionScore * 100)}%.
          </p>
        </div>
        <ProbabilityBars probabilities={face.probabilities} testId="predict-bars" />
        <AddFaceForm key={`${photo.id}-${selected.face}`} predicted={face.label} />
      </div>
    </section>
  )
}
