import { SpeedProbe } from '../../../shared/domain/speedProbe'
import type { StudioDb } from '../openDatabase'

/** What a probe is stored under: the preset, the backend asked for, threads and input side. */
export type SpeedProbeKey = Readonly<{
  model: string
  /** 'auto' or a backend name, as the run's config asks. */
  requestedBackend: string
  threads: number
  inputSize: number
}>

type Row = {
  model: string
  backend: string
  threads: number
  input_size: number
  batch_size: number
  faces_per_second: number
  inference_faces_per_second: number | null
  duration_ms: number
  measured_at: number
}

/** The stored probe for this key, or null. */
export function findSpeedProbe(db: StudioDb, key: SpeedProbeKey): SpeedProbe | null {
  const row = db
    .prepare<[string, string, number, number], Row>(
      `SELECT * FROM speed_probes
       WHERE model = ? AND requested_backend = ? AND threads = ? AND input_size = ?`,
    )
    .get(key.model, key.requestedBackend, key.threads, key.inputSize)
  if (!row) return null
  return SpeedProbe.parse({
    model: row.model,
    backend: row.backend,
    threads: row.threads,
    inputSize: row.input_size,
    batchSize: row.batch_size,
    facesPerSecond: row.faces_per_second,
    inferenceFacesPerSecond: row.inference_faces_per_second,
    durationMs: row.duration_ms,
    measuredAt: row.measured_at,
  })
}

/** Stores a probe under its key, replacing an older one. */
export function putSpeedProbe(db: StudioDb, key: SpeedProbeKey, probe: SpeedProbe): void {
  db.prepare(
    `INSERT OR REPLACE INTO speed_probes (model, requested_backend, threads, input_size, backend,
       batch_size, faces_per_second, inference_faces_per_second, duration_ms, measured_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    key.model,
    key.requestedBackend,
    key.threads,
    key.inputSize,
    probe.backend,
    probe.batchSize,
    probe.facesPerSecond,
    probe.inferenceFacesPerSecond,
    probe.durationMs,
    probe.measuredAt,
  )
}
