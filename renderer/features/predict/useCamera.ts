import { useCallback, useEffect, useRef, useState } from 'react'

import { blobToBase64 } from '../../lib/imageBytes'

export type CameraStatus = 'off' | 'starting' | 'on' | 'error'

/** Frames sent are at most this wide: plenty for faces at webcam distance, cheap to encode. */
const FRAME_WIDTH = 480

/**
 * The webcam through getUserMedia, and a loop that sends each frame (JPEG) to `onFrame` as soon
 * as the previous one is answered, so frames never queue up behind a slow model.
 */
export function useCamera(
  onFrame: (image: string, width: number, height: number) => Promise<void>,
) {
  const video = useRef<HTMLVideoElement>(null)
  const [status, setStatus] = useState<CameraStatus>('off')
  const [error, setError] = useState<string | null>(null)
  const running = useRef(false)
  const stream = useRef<MediaStream | null>(null)
  const frameHandler = useRef(onFrame)
  frameHandler.current = onFrame

  const stop = useCallback(() => {
    running.current = false
    stream.current?.getTracks().forEach((t) => t.stop())
    stream.current = null
    if (video.current) video.current.srcObject = null
    setStatus('off')
  }, [])

  const loop = useCallback(async () => {
    const canvas = document.createElement('canvas')
    while (running.current) {
      const v = video.current
      if (!v || v.videoWidth === 0) {
        await new Promise((r) => setTimeout(r, 50))
        continue
      }
      const scale = Math.min(1, FRAME_WIDTH / v.videoWidth)
      canvas.width = Math.round(v.videoWidth * scale)
      canvas.height = Math.round(v.videoHeight * scale)
      canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height)
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85))
      if (!blob || !running.current) continue
      try {
        await frameHandler.current(await blobToBase64(blob), canvas.width, canvas.height)
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err))
        await new Promise((r) => setTimeout(r, 500))
      }
    }
  }, [])

  const start = useCallback(async () => {
    setError(null)
    setStatus('starting')
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      })
      stream.current = media
      if (video.current) {
        video.current.srcObject = media
        await video.current.play()
      }
      setStatus('on')
      running.current = true
      void loop()
    } catch (err) {
      setStatus('error')
      const name = err instanceof DOMException ? err.name : ''
      setError(
        name === 'NotAllowedError'
          ? 'The camera was not allowed. Allow it for the studio and try again.'
          : name === 'NotFoundError'
            ? 'No camera found.'
            : `The camera could not start: ${err instanceof Error ? err.message : String(err)}`,
      )
    }
  }, [loop])

  useEffect(() => stop, [stop])
  return { video, status, error, start, stop }
}
