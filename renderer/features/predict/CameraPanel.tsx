import { useEffect } from 'react'

import { EmotionBadge } from '../../components/EmotionBadge'
import { usePredictStore } from '../../stores/predict/predictStore'
import { FaceBoxes } from './FaceBoxes'
import { ProbabilityBars } from './ProbabilityBars'
import { useCamera } from './useCamera'

/** Live predictions on the webcam: boxes and bars smoothed over frames. */
export function CameraPanel() {
  const camera = usePredictStore((s) => s.camera)
  const runId = usePredictStore((s) => s.runId)
  const { predictFrame, resetCamera } = usePredictStore.getState()
  const { video, status, error, start, stop } = useCamera(predictFrame)
  useEffect(() => resetCamera, [resetCamera])
  const faces = camera.faces.filter((f) => f.missed === 0 || camera.faces.length === 1)
  return (
    <div className="predict-camera">
      <div className="panel predict-camera-view">
        <div className="predict-photo-frame mirrored">
          <video ref={video} muted playsInline data-testid="camera-video" />
          <FaceBoxes
            width={camera.width}
            height={camera.height}
            items={faces.map((f) => ({
              key: f.id,
              box: f.box,
              label: f.label,
              confidence: f.confidence,
            }))}
            mirrored
            testId="camera-boxes"
          />
        </div>
        <div className="row panel-body">
          {status === 'on' ? (
            <button type="button" onClick={stop} data-testid="camera-stop">
              Stop camera
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={runId === null || status === 'starting'}
              onClick={() => void start()}
              data-testid="camera-start"
            >
              Start camera
            </button>
          )}
          <span className="muted" data-testid="camera-fps">
            {status === 'on' ? `${camera.fps} frames/s` : ''}
          </span>
          {error ? (
            <span className="error-text" role="alert" data-testid="camera-error">
              {error}
            </span>
          ) : null}
        </div>
      </div>
      <div className="predict-camera-faces">
        {faces.map((f, k) => (
          <section
            key={f.id}
            className="panel"
            aria-label={`Face ${k + 1}`}
            data-testid="camera-face"
          >
            <div className="panel-title">
              Face {k + 1} <EmotionBadge emotion={f.label} title="predicted" />
            </div>
            <div className="panel-body">
              <ProbabilityBars probabilities={f.probabilities} />
            </div>
          </section>
        ))}
      </div>
    </div>
  )
}
