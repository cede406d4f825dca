/** Largest file sent as it is: `predict.photo` takes at most ~6 MB of image (8 MB of base64). */
export const MAX_PHOTO_BYTES = 5_900_000

/** Base64 of a blob's bytes (chunked: String.fromCharCode over a whole photo would overflow). */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/**
 * The bytes to send for a photo: the file itself when small enough (any format the backend's
 * sharp reads, including ones the browser cannot show), else the browser's decode shrunk to
 * 2,048 px on its longer side as JPEG.
 */
export async function photoToBase64(file: Blob): Promise<string> {
  if (file.size <= MAX_PHOTO_BYTES) return blobToBase64(file)
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, 2048 / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const jpeg = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', 0.9),
  )
  if (jpeg === null) throw new Error('This photo is too large to send and could not be shrunk')
  return blobToBase64(jpeg)
}

/** Bytes of a base64 string, e.g. a face crop. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
