import { useRef, useState } from 'react'

import { usePredictStore, type PhotoEntry } from '../../stores/predict/predictStore'
import { FaceBoxes } from './FaceBoxes'

/** Drop or open photos; each shows its faces boxed with their predicted expression. */
export function PhotoPanel() {
  const photos = usePredictStore((s) => s.photos)
  const runId = usePredictStore((s) => s.runId)
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)
  const add = (files: FileList | null) => {
    if (files && files.length > 0) void usePredictStore.getState().addPhotos(Array.from(files))
  }
  return (
    <div className="predict-photos">
      <div
        className={over ? 'predict-drop over' : 'predict-drop'}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault()
          setOver(false)
          add(e.dataTransfer.files)
        }}
        data-testid="predict-drop"
      >
        <span>Drop photos here, or</span>
        <button
          type="button"
          className="primary"
          disabled={runId === null}
          onClick={() => input.current?.click()}
        >
          Open photos…
        </button>
        <input
          ref={input}
          type="file"
          accept="image/*,.tif,.tiff,.avif,.heic"
          multiple
          hidden
          onChange={(e) => {
            add(e.target.files)
            e.target.value = ''
          }}
          data-testid="predict-file"
        />
      </div>
      {photos.map((photo) => (
        <PhotoView key={photo.id} photo={photo} />
      ))}
    </div>
  )
}

function PhotoView({ photo }: Readonly<{ photo: PhotoEntry }>) {
  const selected = usePredictStore((s) => s.selected)
  const { select, removePhoto } = usePredictStore.getState()
  const result = photo.result
  return (
    <figure className="panel predict-photo" data-testid="predict-photo" data-status={photo.status}>
      <div className="predict-photo-frame">
        <img src={photo.url} alt={photo.name} />
        {result ? (
          <FaceBoxes
            width={result.width}
            height={result.height}
            items={result.faces.map((f, k) => ({
              key: k,
              box: f.box,
              label: f.label,
              confidence: f.confidence,
              selected: selected?.photoId === photo.id && selected.face === k,
            }))}
            onSelect={(k) => select(photo.id, k)}
          />
        ) : null}
      </div>
      <figcaption className="row">
        <span className="predict-photo-name">{photo.name}</span>
        <span className="muted" data-testid="predict-photo-status">
          {photo.status === 'analyzing'
            ? 'finding faces…'
            : photo.status === 'error'
              ? photo.error
              : `${result?.faces.length ?? 0} face${result?.faces.length === 1 ? '' : 's'} · ${result?.elapsedMs ?? 0} ms`}
        </span>
        <span className="spacer" />
        <button type="button" className="ghost" onClick={() => removePhoto(photo.id)}>
          Remove
        </button>
      </figcaption>
    </figure>
  )
}
