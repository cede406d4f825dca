import type { Page } from 'playwright-core'

/**
 * Parts of the open screen whose content is wider than the space they were given: the screen's
 * main element itself, or anything inside it that scrolls sideways. Empty when the layout holds.
 */
export async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main, main *')]
      .filter((el) => {
        const style = getComputedStyle(el)
        const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll'
        return (el.tagName === 'MAIN' || scrolls) && el.scrollWidth > el.clientWidth + 1
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  )
}
