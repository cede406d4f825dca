import { useUiStore, uiSelectors } from '../stores/ui/uiStore'

/** Short messages in the corner; errors are announced assertively to screen readers. */
export function Toasts() {
  const toasts = useUiStore(uiSelectors.toasts)
  const dismiss = useUiStore((s) => s.dismissToast)
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <span>{t.message}</span>
          {t.action !== undefined ? (
            <button
              type="button"
              className="small"
              data-testid="toast-action"
              onClick={() => {
                dismiss(t.id)
                t.action?.run()
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="ghost small"
            aria-label="Dismiss"
            onClick={() => dismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
