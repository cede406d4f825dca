import { useEffect, useRef } from 'react'

import { drawGrayscale } from '../lib/grayscale'
import './components.css'

type Props = Readonly<{
  size: number
  pixels: readonly number[]
  displaySize: number
  label: string
}>

/** Grayscale pixels drawn on a canvas and scaled up without smoothing. */
export function PixelCanvas({ size, pixels, displaySize, label }: Props) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (ref.current !== null) drawGrayscale(ref.current, size, pixels)
  }, [size, pixels])
  return (
    <canvas
      ref={ref}
      className="pixel-canvas"
      role="img"
      aria-label={label}
      style={{ width: displaySize, height: displaySize }}
    />
  )
}
