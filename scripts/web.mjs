// `npm run web [-- --port N]`: serves the renderer as a browser app on 127.0.0.1.
import { createServer } from 'vite'

const args = process.argv.slice(2)
const portFlag = args.indexOf('--port')
const port = portFlag >= 0 ? Number(args[portFlag + 1]) : 5173
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`peerlab web: --port needs a number from 1 to 65535, got ${args[portFlag + 1] ?? 'nothing'}`)
  process.exit(2)
}
const server = await createServer({ configFile: new URL('../vite.web.config.ts', import.meta.url).pathname, server: { port } })
await server.listen()
server.printUrls()
