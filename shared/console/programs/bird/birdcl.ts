import type { Host } from '../../../model/query'
import { fail, type ProgramContext, type ProgramResult } from '../../program'
import { runBirdClient, type BirdClient } from './birdCli'
import { CALICO_BIRDCL } from './birdClient'
import { calicoBird } from './calicoBird'

/**
 * Calico's birdcl, inside the calico-node container: the fork is built with
 * `--runstatedir=/var/run/calico` (projectcalico/bird create_binaries.sh), so the default socket
 * is /var/run/calico/bird.ctl, the hostPath calico-node mounts (/run/calico is the same place).
 * The container runs as root: nothing needs sudo.
 */
const BIRDCL: BirdClient = { name: 'birdcl', sockets: ['/var/run/calico/bird.ctl', '/run/calico/bird.ctl'], build: CALICO_BIRDCL }

/** birdcl against the BIRD of the node the calico-node pod runs on. */
export function birdcl(context: ProgramContext, node: Host, args: readonly string[]): ProgramResult {
  return runBirdClient(BIRDCL, args, calicoBird(context, node), true, context.now, context.bootedAt)
}

/**
 * birdcl6 talks to bird6, calico-node's IPv6 daemon (bird6.cfg, /var/run/calico/bird6.ctl). The
 * engine computes IPv4 BGP sessions only, so there is no IPv6 table to show: say so.
 */
export function birdcl6(): ProgramResult {
  return fail("Peerlab's console simulates calico-node's IPv4 BIRD only (birdcl): the engine has no IPv6 BGP sessions, so bird6 (birdcl6) is not simulated.\n", 1)
}
