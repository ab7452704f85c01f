import { fail, type Program } from '../../program'
import { runBirdClient, type BirdClient } from './birdCli'
import { DEBIAN_BIRDC } from './birdClient'
import { routerBird } from './routerBird'

/** Debian's birdc (bookworm's bird 1.6.8) and its control socket (/var/run is a link to /run). */
const BIRDC: BirdClient = { name: 'birdc', sockets: ['/run/bird/bird.ctl', '/var/run/bird/bird.ctl'], build: DEBIAN_BIRDC }

/**
 * birdc on an outside router that runs BIRD. Its control socket is root's (`sudo birdc`);
 * Calico nodes keep BIRD inside calico-node, reached with kubectl exec and birdcl.
 */
export const birdc: Program = (context, args) => {
  const speaker = context.network.speakers.find((s) => s.id === context.host.id)
  // A Calico node's BIRD is inside the calico-node container: the host has no birdc at all.
  if (speaker?.kind === 'calico') return fail('birdc: command not found\n(On a Calico node, BIRD runs inside calico-node: kubectl exec -n kube-system calico-node-... -- birdcl show protocols)\n', 127)
  return runBirdClient(BIRDC, args, routerBird(context), context.sudo, context.now, context.bootedAt)
}
