import { hostsOf } from '../../../model/query'
import { fail, ok, type Program } from '../../program'
import { clusterInfoDump } from './clusterInfoDump'
import { kubectlApply } from './kubectlApply'
import { parseKubectlArgs } from './kubectlArgs'
import { kubectlDelete } from './kubectlDelete'
import { kubectlExec } from './kubectlExec'
import { kubectlGet } from './kubectlGet'
import { kubectlScale } from './kubectlScale'

const SUPPORTED = 'apply, delete, exec, get, scale, cluster-info'

/** kubectl against the design, as if its kubeconfig pointed at the designed cluster. */
export const kubectl: Program = (context, args, stdin) => {
  const [verb, ...rest] = args
  if (verb === undefined) return fail(`kubectl controls the Kubernetes cluster manager.\n\nPeerlab's console supports: ${SUPPORTED}.\n`)
  // exec's arguments after `--` belong to the command in the container, not to kubectl.
  if (verb === 'exec') return kubectlExec(context, rest)
  const parsed = parseKubectlArgs(rest)
  if ('error' in parsed) return fail(parsed.error)
  if (parsed.unknown.length > 0 && verb !== 'cluster-info') return fail(`error: unknown flag: ${parsed.unknown[0]}\nSee 'kubectl ${verb} --help' for usage.\n`)
  switch (verb) {
    case 'apply':
      return kubectlApply(context, parsed, stdin)
    case 'delete':
      return kubectlDelete(context, parsed, stdin)
    case 'get':
      return kubectlGet(context, parsed)
    case 'scale':
      return kubectlScale(context, parsed)
    case 'cluster-info': {
      if (parsed.positional[0] === 'dump') return ok(clusterInfoDump(context))
      const controlPlane = hostsOf(context.design).find((h) => h.role === 'control-plane')?.interfaces[0]?.address ?? '127.0.0.1'
      return ok(
        `Kubernetes control plane is running at https://${controlPlane}:6443\nCoreDNS is running at https://${controlPlane}:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
      )
    }
    default:
      return fail(`error: unknown command "${verb}" for "kubectl"\n\nPeerlab's console supports: kubectl ${SUPPORTED}.\n`)
  }
}
