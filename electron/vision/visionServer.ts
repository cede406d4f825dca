import { StudioFailure, assertNever } from '../../shared/transport/envelope'
import type { TestTimeAugmentation } from '../../shared/domain/training'
import type { FacePredictor } from '../training/main/predictFiles'
import { describeDecodeError } from '../imaging/decodeFace'
import { decodePhoto } from './decodePhoto'
import type { Detection, FaceDetector } from './faceDetector'
import { predictPhoto } from './predictPhoto'
import type { FromVision, ToVision, VisionResult } from './visionProtocol'

type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never

export type VisionPort = Readonly<{
  post(message: FromVision): void
  onMessage(listener: (message: ToVision) => void): void
  exit(): void
}>

export type VisionDeps = Readonly<{
  /** Picks the tfjs backend; called once, before the first model loads. */
  prepare: () => Promise<void>
  createDetector: () => Promise<FaceDetector>
  loadPredictor: (modelDir: string) => Promise<FacePredictor>
  now?: () => number
}>

/**
 * The vision worker's loop: requests run one at a time in arrival order (a camera sends its next
 * frame only when the last one is answered), the detector loads once and the last run's model
 * stays loaded. Every failure is a `failed` reply with a code (errors as data).
 */
export function serveVision(port: VisionPort, deps: VisionDeps): void {
  let seq = 0
  const post = (message: Unsequenced<FromVision>) =>
    port.post({ ...message, seq: ++seq } as FromVision)
  const now = deps.now ?? (() => performance.now())
  let ready: Promise<FaceDetector> | null = null
  let model: { dir: string; predictor: Promise<FacePredictor> } | null = null
  let queue: Promise<void> = Promise.resolve()

  const predictorFor = (dir: string): Promise<FacePredictor> => {
    if (model?.dir !== dir) {
      const previous = model
      void previous?.predictor.then(
        (p) => p.dispose(),
        () => undefined,
      )
      model = { dir, predictor: deps.loadPredictor(dir) }
      // A model that failed to load is tried again next time.
      const current = model
      current.predictor.catch(() => {
        if (model === current) model = null
      })
    }
    return model.predictor
  }

  const run = async (
    modelDir: string,
    image: Uint8Array,
    known: readonly Detection[] | null,
    tta: TestTimeAugmentation,
  ): Promise<VisionResult> => {
    const started = now()
    ready ??= deps.prepare().then(() => deps.createDetector())
    const detector = await ready
    const predictor = await predictorFor(modelDir)
    let photo
    try {
      photo = await decodePhoto(image)
    } catch (err) {
      throw new StudioFailure(
        'INVALID_INPUT',
        `Not an image sharp can read: ${describeDecodeError(err)}`,
      )
    }
    const result = await predictPhoto({ detector, predictor }, photo, known, tta)
    return {
      width: result.width,
      height: result.height,
      cropSize: predictor.size,
      faces: result.faces,
      elapsedMs: now() - started,
    }
  }

  port.onMessage((message) => {
    switch (message.type) {
      case 'predictPhoto': {
        const { modelDir, image, known, tta } = message
        queue = queue.then(() =>
          run(modelDir, image, known, tta).then(
            (result) => post({ type: 'predicted', requestSeq: message.seq, result }),
            (err: unknown) =>
              post({ type: 'failed', requestSeq: message.seq, error: toError(err) }),
          ),
        )
        return
      }
      case 'shutdown':
        void queue.then(() => port.exit())
        return
      default:
        assertNever(message)
    }
  })
  post({ type: 'ready' })
}

function toError(err: unknown) {
  if (err instanceof StudioFailure) return err.toError()
  return { code: 'INTERNAL' as const, message: err instanceof Error ? err.message : String(err) }
}
