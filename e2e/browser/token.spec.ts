import { seedCsvDataset } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { FacesPage } from '../pages/FacesPage'
import { LibraryPage } from '../pages/LibraryPage'
import { StudioApp } from '../pages/StudioApp'

test('the page drops its token once the cookie is set; media and the WebSocket go by the cookie', async ({
  page,
  studio,
}) => {
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'tokens', 4)
  const requested: string[] = []
  const media: { url: string; status: number }[] = []
  const sockets: string[] = []
  page.on('request', (request) => requested.push(request.url()))
  page.on('response', (response) => {
    if (response.url().includes('/media/'))
      media.push({ url: response.url(), status: response.status() })
  })
  page.on('websocket', (socket) => sockets.push(socket.url()))

  const app = new StudioApp(page)
  await app.open(studio.url)
  await expect(page).toHaveURL(`${studio.origin}/`)
  await new LibraryPage(page).open(dataset.name)
  const faces = new FacesPage(page)
  await faces.waitForGrid()
  await expect.poll(() => media.length).toBeGreaterThan(0)

  // Only the address the user opened carried the token; images and the socket went by the cookie.
  expect(requested.filter((url) => url.includes('token='))).toEqual([studio.url])
  expect(media.filter(({ status }) => status !== 200 && status !== 304)).toEqual([])
  expect(sockets.length).toBeGreaterThan(0)
  expect(sockets.filter((url) => url.includes('token='))).toEqual([])

  // A reload of the clean address still gets in.
  await page.reload()
  await expect(page.getByTestId('status-bar')).toContainText('Backend connected')
})
