import { birdSince, clockOf, SECONDS_PER_COMMAND } from '../../shared/console/labClock'
import { calicoVersionOf } from '../../shared/model/calicoVersion'
import { displayName } from '../../shared/model/query'
import { nodeStatusRows, type NodeStatusRow } from '../../shared/views/calicoctlNodeStatus'
import { EXIT, type CliIo, withDesignErrors } from '../io'
import { analyseDesign, selectHosts } from './analysedDesign'
import { jsonDocument } from './jsonDocument'

type StatusRowJson = Omit<NodeStatusRow, 'family'>

/** `peerlab status --json` (docs/cli.md): the rows calicoctl node status prints, by family. */
export interface StatusJson {
  readonly hosts: readonly { readonly host: string; readonly name: string; readonly calicoRunning: boolean; readonly ipv4: readonly StatusRowJson[]; readonly ipv6: readonly StatusRowJson[] }[]
}

export async function statusJson(spec: string, host: string | true | undefined, io: CliIo): Promise<number> {
  const analysed = await analyseDesign('status', spec, io)
  const { design, network } = analysed
  const hosts = selectHosts(analysed, host, (h) => h.role !== 'router')
  // A fresh console saw every session at boot, and its first command runs one command's time after the start.
  const clock = clockOf(design)
  const since = birdSince(clock.bootedAt, clock.start + SECONDS_PER_COMMAND * 1000)
  const body: StatusJson = {
    hosts: hosts.map((h) => {
      const running = network.speakers.some((s) => s.id === h.id && s.kind === 'calico')
      const rows = running ? nodeStatusRows(network.sessionsOf(h.id), () => since, calicoVersionOf(design)) : []
      const cells = (family: 4 | 6): StatusRowJson[] => rows.filter((r) => r.family === family).map(({ family: _, ...cells }) => cells)
      return { host: displayName(h), name: h.name, calicoRunning: running, ipv4: cells(4), ipv6: cells(6) }
    }),
  }
  io.stdout(jsonDocument(body))
  return withDesignErrors(body.hosts.every((h) => h.calicoRunning) ? EXIT.ok : EXIT.designErrors, analysed.errors)
}
