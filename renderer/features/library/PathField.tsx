import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { uiSelectors, useUiStore } from '../../stores/ui/uiStore'

type Props = Readonly<{
  label: string
  value: string
  onChange: (path: string) => void
  placeholder: string
  testId: string
  /** What the shell's native chooser picks, where there is one (Electron). */
  chooser: 'file' | 'folder' | 'save-folder'
}>

/** A typed path with a Browse… button when the shell has a file dialog (forms of the Library). */
export function PathField({ label, value, onChange, placeholder, testId, chooser }: Props) {
  const choosePath = useDatasetsStore((s) => s.choosePath)
  const hasFileDialog = useUiStore(uiSelectors.hasFileDialog)
  return (
    <>
      <label className="row grow">
        <span>{label}</span>
        <input
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          data-testid={testId}
          className="grow"
        />
      </label>
      {hasFileDialog ? (
        <button
          type="button"
          onClick={async () => {
            const chosen = await choosePath(chooser)
            if (chosen !== null) onChange(chosen)
          }}
        >
          Browse…
        </button>
      ) : null}
    </>
  )
}
