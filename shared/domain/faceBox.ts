import { z } from 'zod'

/** A face found in a photo: its detection box in the photo's pixels (after EXIF orientation). */
export const FaceBox = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
})
export type FaceBox = z.infer<typeof FaceBox>

/** A square region of a photo, in whole pixels; it may reach past the photo's edges. */
export type CropSquare = Readonly<{ left: number; top: number; side: number }>

/**
 * How FER2013 frames a face, relative to a BlazeFace detection box, measured by
 * `npm run bench:vision` on 60 FER2013 faces placed on plain backgrounds: the unscaled box's
 * longer side is about 1.15x the FER2013 crop's side and its centre about 1% of a side lower.
 * FER2013 crops are tight (brows to chin, ears mostly out), tighter than BlazeFace's box.
 */
export const FER_CROP = Object.freeze({ scale: 0.87, shiftUp: 0.01 })

/**
 * The square FER2013-style crop around a detection box: as wide as the box's longer side times
 * `scale`, centred on the box, moved up by `shiftUp` of its side. Pure geometry, shared by the
 * crop the model sees and the boxes the studio draws.
 */
export function ferCropSquare(box: FaceBox, crop = FER_CROP): CropSquare {
  const side = Math.max(1, Math.round(Math.max(box.width, box.height) * crop.scale))
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2 - crop.shiftUp * side
  return { left: Math.round(cx - side / 2), top: Math.round(cy - side / 2), side }
}

/** The centred square of a photo, the crop used when no face is detected (`predict` without --detect). */
export function centreSquare(width: number, height: number): CropSquare {
  const side = Math.min(width, height)
  return {
    left: Math.floor((width - side) / 2),
    top: Math.floor((height - side) / 2),
    side,
  }
}
