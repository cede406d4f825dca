import { create } from 'zustand'

import type { AddFaceTarget, DetectedFace, PhotoPrediction } from '../../../shared/contract'
import type { Emotion, RunId, RunSummary, TestTimeAugmentation } from '../../../shared/domain'
import { studio } from '../../api/client'
import { photoToBase64 } from '../../lib/imageBytes'
import { toastError, useUiStore } from '../ui/uiStore'
import { smoothFaces, type TrackedFace } from './smoothFaces'

export type PhotoEntry = Readonly<{
  id: number
  name: string
  /** Object URL to show the photo (the browser may not decode every format the backend reads). */
  url: string
  status: 'analyzing' | 'done' | 'error'
  result: PhotoPrediction | null
  error: string | null
}>

export type CameraState = Readonly<{
  /** Faces followed across frames, smoothed. */
  faces: readonly TrackedFace[]
  /** Frame size the boxes refer to. */
  width: number
  height: number
  /** Frames answered per second, over the last second or so. */
  fps: number
}>

export type PredictStore = {
  /** Runs with a saved model, newest first, across datasets. */
  runs: readonly RunSummary[]
  runId: RunId | null
  /**
   * Test-time augmentation for photos opened from now on; null = the run's recommended mode,
   * which the backend picks (ten-crop for crop runs, else flip). The camera always predicts plainly.
   */
  tta: TestTimeAugmentation | null
  photos: readonly PhotoEntry[]
  selected: Readonly<{ photoId: number; face: number }> | null
  camera: CameraState
  loadRuns(): Promise<void>
  setRun(runId: RunId | null): void
  setTta(tta: TestTimeAugmentation | null): void
  /** Sends each photo to the backend; each gets its faces, boxes and predictions. */
  addPhotos(files: readonly File[]): Promise<void>
  removePhoto(id: number): void
  select(photoId: number, face: number): void
  /** Predicts one camera frame (JPEG base64) and folds it into the smoothed faces. */
  predictFrame(image: string, width: number, height: number): Promise<void>
  resetCamera(): void
  /** Stores the selected photo face in a dataset with a label. */
  addSelectedFace(target: AddFaceTarget, label: Emotion): Promise<boolean>
}

const EMPTY_CAMERA: CameraState = { faces: [], width: 0, height: 0, fps: 0 }
/**
 * The camera runs the detector on one frame in this many and predicts the faces where they were
 * on the others (at 15+ frames/s a face moves little in 2 frames); frames without a known face
 * are always detected, so a new face shows up at once.
 */
export const DETECT_EVERY = 3
let nextPhotoId = 1
let nextTrackId = 1
let frameTimes: number[] = []
let lastDetected: readonly DetectedFace[] = []
let framesSinceDetect = 0

/** The Predict screen: photos through a run's model, the live camera, faces into datasets. */
export const usePredictStore = create<PredictStore>()((set, get) => {
  const updatePhoto = (id: number, patch: Partial<PhotoEntry>) =>
    set({ photos: get().photos.map((p) => (p.id === id ? { ...p, ...patch } : p)) })

  // The runs the screen is loading: a photo dropped before they arrive waits for them.
  let runsLoading: Promise<void> = Promise.resolve()

  const analyze = async (entry: PhotoEntry, file: File) => {
    await runsLoading
    const runId = get().runId
    if (runId === null) {
      updatePhoto(entry.id, {
        status: 'error',
        error: `${file.name}: no trained model to predict with; train a run first (Train screen)`,
      })
      return
    }
    try {
      const image = await photoToBase64(file)
      const tta = get().tta
      const result = await studio.call('predict.photo', {
        runId,
        image,
        ...(tta === null ? {} : { tta }),
      })
      updatePhoto(entry.id, { status: 'done', result })
      if (get().selected === null && result.faces.length > 0) get().select(entry.id, 0)
    } catch (err) {
      updatePhoto(entry.id, {
        status: 'error',
        error: `${file.name}: ${err instanceof Error ? err.message : String(err)}`,
      })
    }
  }

  return {
    runs: [],
    runId: null,
    tta: null,
    photos: [],
    selected: null,
    camera: EMPTY_CAMERA,
    loadRuns() {
      runsLoading = (async () => {
        try {
          const all = await studio.call('training.listRuns', {})
          const runs = all.filter((r) => r.bestEpoch !== null && r.status !== 'running')
          set({ runs })
          const current = get().runId
          if (current === null || !runs.some((r) => r.id === current))
            set({ runId: runs[0]?.id ?? null })
        } catch (err) {
          toastError(err)
        }
      })()
      return runsLoading
    },
    setRun: (runId) => set({ runId, camera: EMPTY_CAMERA }),
    setTta: (tta) => set({ tta }),
    async addPhotos(files) {
      const entries = files.map((file): PhotoEntry => ({
        id: nextPhotoId++,
        name: file.name,
        url: URL.createObjectURL(file),
        status: 'analyzing',
        result: null,
        error: null,
      }))
      set({ photos: [...entries, ...get().photos] })
      // One at a time: the vision worker answers in order anyway, and the first shows sooner.
      for (const [k, entry] of entries.entries()) await analyze(entry, files[k] as File)
    },
    removePhoto(id) {
      const photo = get().photos.find((p) => p.id === id)
      if (photo) URL.revokeObjectURL(photo.url)
      set({
        photos: get().photos.filter((p) => p.id !== id),
        selected: get().selected?.photoId === id ? null : get().selected,
      })
    },
    select: (photoId, face) => set({ selected: { photoId, face } }),
    async predictFrame(image, width, height) {
      const runId = get().runId
      if (runId === null) return
      const detect = lastDetected.length === 0 || framesSinceDetect >= DETECT_EVERY - 1
      const faces = detect
        ? undefined
        : lastDetected.map((f) => ({ box: f.box, detectionScore: f.detectionScore }))
      const result = await studio.call('predict.photo', {
        runId,
        image,
        ...(faces === undefined ? {} : { faces }),
        // Live frames must keep up with the camera: one view per face, never a TTA's two or ten.
        tta: 'none',
      })
      if (detect) {
        lastDetected = result.faces
        framesSinceDetect = 0
      } else framesSinceDetect++
      const now = performance.now()
      frameTimes = [...frameTimes.filter((t) => now - t < 1000), now]
      set({
        camera: {
          faces: smoothFaces(get().camera.faces, result.faces, () => nextTrackId++),
          width,
          height,
          fps: frameTimes.length,
        },
      })
    },
    resetCamera: () => {
      frameTimes = []
      lastDetected = []
      framesSinceDetect = 0
      set({ camera: EMPTY_CAMERA })
    },
    async addSelectedFace(target, label) {
      const { selected, photos } = get()
      const photo = photos.find((p) => p.id === selected?.photoId)
      const face = selected && photo?.result?.faces[selected.face]
      if (!selected || !photo?.result || !face) return false
      try {
        const added = await studio.call('predict.addFace', {
          target,
          crop: face.crop,
          cropSize: photo.result.cropSize,
          label,
          split: 'train',
          source: `${photo.name}#${selected.face + 1}`,
        })
        useUiStore.getState().toast('success', `Face added as ${label} (face ${added.faceId})`)
        return true
      } catch (err) {
        toastError(err)
        return false
      }
    },
  }
})

export const predictSelectors = {
  selectedPhoto: (s: PredictStore): PhotoEntry | null =>
    s.photos.find((p) => p.id === s.selected?.photoId) ?? null,
}
