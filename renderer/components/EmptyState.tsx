import type { ReactNode } from 'react'

import './components.css'

type Props = Readonly<{ title: string; children?: ReactNode; action?: ReactNode; testId?: string }>

/** What a screen shows when there is nothing yet, with the one action that fixes it. */
export function EmptyState({ title, children, action, testId }: Props) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children ? <div className="empty-state-body">{children}</div> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  )
}
