import { explainRoute } from '../../shared/explain/routeProvenance'
import { namingOf } from '../../shared/explain/wording'
import type { EntityId } from '../../shared/model/design'
import { displayName } from '../../shared/model/query'
import { ipRoute, type KernelRoute } from '../../shared/routing/kernelRoutes'
import { EXIT, type CliIo, withDesignErrors } from '../io'
import { analyseDesign, selectHosts } from './analysedDesign'
import { jsonDocument } from './jsonDocument'
import { provenanceJson, routeJson, type RouteJson } from './routeJson'

/** `peerlab routes --json` (docs/cli.md). */
export interface RoutesJson {
  readonly hosts: readonly { readonly host: string; readonly name: string; readonly routes: readonly RouteJson[] }[]
}

/** Under each route as `ip route` prints it, its provenance in one line: what `--why` adds. */
const WHY_INDENT = '    '

/**
 * `peerlab routes --json` and `--why`: the kernel routes straight from the engine, which is what
 * the console's `ip route` prints too, so the text of each route is the same either way.
 */
export async function routesReport(spec: string, host: string | true | undefined, options: { json: boolean; why: boolean }, io: CliIo): Promise<number> {
  const analysed = await analyseDesign('routes', spec, io)
  const { design, network } = analysed
  const naming = namingOf(design, network)
  const hosts = selectHosts(analysed, host)
  const why = (id: EntityId, route: KernelRoute) => explainRoute(design, network, id, route)
  if (options.json) {
    const body: RoutesJson = {
      hosts: hosts.map((h) => ({ host: displayName(h), name: h.name, routes: network.routesOf(h.id).map((r) => routeJson(r, options.why ? provenanceJson(naming, why(h.id, r)) : undefined)) })),
    }
    io.stdout(jsonDocument(body))
    return withDesignErrors(EXIT.ok, analysed.errors)
  }
  // ip route shows IPv4 unless asked with -6; the table with --why keeps to what it shows.
  const tables = hosts.map((h) => {
    const routes = network.routesOf(h.id).filter((r) => r.family === 4)
    return routes.map((r) => `${ipRoute([r])}${WHY_INDENT}${why(h.id, r).summary}\n`).join('')
  })
  io.stdout(hosts.length === 1 && typeof host === 'string' ? (tables[0] ?? '') : hosts.map((h, i) => `# ${displayName(h)}\n${tables[i] ?? ''}`).join('\n'))
  return withDesignErrors(EXIT.ok, analysed.errors)
}
