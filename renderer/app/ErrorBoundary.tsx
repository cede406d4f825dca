import { Component } from 'react'
import type { ErrorInfo, ReactNode } from 'react'

type State = { error: Error | null }

/** Keeps one broken screen from blanking the studio; the others stay usable. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Screen crashed', error, info.componentStack)
  }

  override render() {
    if (this.state.error === null) return this.props.children
    return (
      <div className="empty-state" role="alert">
        <h2>This screen hit an error</h2>
        <p className="mono">{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
