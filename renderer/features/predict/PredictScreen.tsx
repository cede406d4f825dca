import { useEffect, useState } from 'react'

import { EmptyState } from '../../components/EmptyState'
import { RunSelect } from '../../components/RunSelect'
import { Segmented } from '../../components/Segmented'
import { TtaSelect } from '../../components/TtaSelect'
import { usePredictStore } from '../../stores/predict/predictStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { CameraPanel } from './CameraPanel'
import { FacePanel } from './FacePanel'
import { PhotoPanel } from './PhotoPanel'
import './predict.css'

type Mode = 'photos' | 'camera'

/** A run's model on real faces: photos (open or drop) and the live camera. */
export function PredictScreen() {
  const runs = usePredictStore((s) => s.runs)
  const runId = usePredictStore((s) => s.runId)
  const tta = usePredictStore((s) => s.tta)
  const { loadRuns, setRun, setTta } = usePredictStore.getState()
  const setScreen = useUiStore((s) => s.setScreen)
  const [mode, setMode] = useState<Mode>('photos')
  const [loaded, setLoaded] = useState(false)
  useEffect(() => {
    void loadRuns().then(() => setLoaded(true))
  }, [loadRuns])

  if (loaded && runs.length === 0) {
    return (
      <EmptyState
        title="No trained model yet"
        testId="predict-empty"
        action={
          <button type="button" className="primary" onClick={() => setScreen('train')}>
            Train a model
          </button>
        }
      >
        Photos and the camera are predicted with a run's best model; train one first.
      </EmptyState>
    )
  }
  return (
    <div className="screen predict-screen">
      <div className="evaluate-toolbar">
        <h1>Predict</h1>
        <RunSelect
          runs={runs}
          value={runId}
          onChange={setRun}
          describe={(r) =>
            r.bestValAccuracy === null
              ? r.config.model
              : `${r.config.model}, ${Math.round(r.bestValAccuracy * 100)}%`
          }
          testId="predict-run"
        />
        <Segmented<Mode>
          label="Source"
          value={mode}
          onChange={setMode}
          options={[
            { value: 'photos', label: 'Photos' },
            { value: 'camera', label: 'Camera' },
          ]}
          testId="predict-mode"
        />
        {mode === 'photos' ? (
          <TtaSelect
            run={runs.find((r) => r.id === runId)}
            value={tta}
            onChange={setTta}
            testId="predict-tta"
          />
        ) : null}
      </div>
      {mode === 'photos' ? (
        <div className="predict-layout">
          <PhotoPanel />
          <FacePanel />
        </div>
      ) : (
        <CameraPanel />
      )}
    </div>
  )
}
