/**
 * birdc's own half of a command: BIRD 1.6's client expands abbreviated command words before it
 * sends anything to the daemon (client/commands.c cmd_expand), so `sh ro` reaches BIRD as
 * `show route`, while the arguments after the last command word go as typed (`sh ro al` is
 * `show route al`, which the daemon refuses).
 */

/** A command the client knows, from the CF_CLI and CF_CLI_HELP lines of BIRD 1.6.8's grammar. */
interface CommandInfo {
  readonly command: string
  readonly args: string
  readonly help: string
  /** False for a help-only entry (CF_CLI_HELP): it names a group, not something to run. */
  readonly real: boolean
}

const cli = (command: string, args: string, help: string): CommandInfo => ({ command, args, help, real: true })
const helpOnly = (command: string, args: string, help: string): CommandInfo => ({ command, args, help, real: false })

/**
 * Debian's birdc 1.6.8 (the IPv4 build: BFD yes, Babel and MRT dumps no, checked against it),
 * with the client's own quit, exit and help (client/cmds.m4).
 */
const COMMANDS: readonly CommandInfo[] = [
  cli('quit', '', 'Quit the client'),
  cli('exit', '', 'Exit the client'),
  cli('help', '', 'Description of the help system'),
  helpOnly('add', 'roa ...', 'Add ROA record'),
  cli('add roa', '<prefix> max <num> as <num> [table <name>]', 'Add ROA record'),
  helpOnly('configure', '...', 'Reload configuration'),
  cli('configure', '["<file>"] [timeout [<sec>]]', 'Reload configuration'),
  cli('configure check', '["<file>"]', 'Parse configuration and check its validity'),
  cli('configure confirm', '', 'Confirm last configuration change - deactivate undo timeout'),
  cli('configure soft', '["<file>"] [timeout [<sec>]]', 'Reload configuration and ignore changes in filters'),
  cli('configure undo', '', 'Undo last configuration change'),
  helpOnly('debug', '...', 'Control protocol debugging via BIRD logs'),
  cli('debug', '(<protocol> | "<pattern>" | all) (all | off | { states|routes|filters|interfaces|events|packets [, ...] })', 'Control protocol debugging via BIRD logs'),
  helpOnly('delete', 'roa ...', 'Delete ROA record'),
  cli('delete roa', '<prefix> max <num> as <num> [table <name>]', 'Delete ROA record'),
  cli('disable', '(<protocol> | "<pattern>" | all) [message]', 'Disable protocol'),
  cli('down', '', 'Shut the daemon down'),
  helpOnly('dump', '...', 'Dump debugging information'),
  cli('dump attributes', '', 'Dump attribute cache'),
  cli('dump events', '', 'Dump event log'),
  cli('dump interfaces', '', 'Dump interface information'),
  cli('dump neighbors', '', 'Dump neighbor cache'),
  cli('dump protocols', '', 'Dump protocol information'),
  cli('dump resources', '', 'Dump all allocated resource'),
  cli('dump routes', '', 'Dump routing table'),
  cli('dump sockets', '', 'Dump open sockets'),
  helpOnly('echo', '...', 'Control echoing of log messages'),
  cli('echo', '(all | off | { debug|trace|info|remote|warning|error|auth [, ...] }) [<buffer-size>]', 'Control echoing of log messages'),
  cli('enable', '(<protocol> | "<pattern>" | all) [message]', 'Enable protocol'),
  cli('eval', '<expr>', 'Evaluate an expression'),
  helpOnly('flush', 'roa [table <name>]', 'Removes all dynamic ROA records'),
  cli('flush roa', '[table <name>]', 'Removes all dynamic ROA records'),
  helpOnly('mrtdump', '...', 'Control protocol debugging via MRTdump files'),
  cli('mrtdump', '(<protocol> | "<pattern>" | all) (all | off | { states|messages [, ...] })', 'Control protocol debugging via MRTdump format'),
  cli('reload', '<protocol> | "<pattern>" | all', 'Reload protocol'),
  cli('reload in', '<protocol> | "<pattern>" | all', 'Reload protocol (just imported routes)'),
  cli('reload out', '<protocol> | "<pattern>" | all', 'Reload protocol (just exported routes)'),
  cli('restart', '(<protocol> | "<pattern>" | all) [message]', 'Restart protocol'),
  cli('restrict', '', 'Restrict current CLI session to safe commands'),
  helpOnly('show', '...', 'Show status information'),
  helpOnly('show bfd', '...', 'Show information about BFD protocol'),
  cli('show bfd sessions', '[<name>]', 'Show information about BFD sessions'),
  cli('show interfaces', '', 'Show network interfaces'),
  cli('show interfaces summary', '', 'Show summary of network interfaces'),
  cli('show memory', '', 'Show memory usage'),
  helpOnly('show ospf', '...', 'Show information about OSPF protocol'),
  cli('show ospf', '[<name>]', 'Show information about OSPF protocol XXX'),
  cli('show ospf interface', '[<name>] ["<interface>"]', 'Show information about interface'),
  helpOnly('show ospf lsadb', '...', 'Show content of OSPF LSA database'),
  cli('show ospf lsadb', '[global | area <id> | link] [type <num>] [lsid <id>] [self | router <id>] [<proto>]', 'Show content of OSPF LSA database'),
  cli('show ospf neighbors', '[<name>] ["<interface>"]', 'Show information about OSPF neighbors'),
  helpOnly('show ospf state', '[all] [<name>]', 'Show information about OSPF network state'),
  cli('show ospf state', '[<name>]', 'Show information about reachable OSPF network state'),
  cli('show ospf state all', '[<name>]', 'Show information about all OSPF network state'),
  helpOnly('show ospf topology', '[all] [<name>]', 'Show information about OSPF network topology'),
  cli('show ospf topology', '[<name>]', 'Show information about reachable OSPF network topology'),
  cli('show ospf topology all', '[<name>]', 'Show information about all OSPF network topology'),
  cli('show protocols', '[<protocol> | "<pattern>"]', 'Show routing protocols'),
  cli('show protocols all', '[<protocol> | "<pattern>"]', 'Show routing protocol details'),
  helpOnly('show rip', '...', 'Show information about RIP protocol'),
  cli('show rip interfaces', '[<name>] ["<interface>"]', 'Show information about RIP interfaces'),
  cli('show rip neighbors', '[<name>] ["<interface>"]', 'Show information about RIP neighbors'),
  helpOnly('show roa', '...', 'Show ROA table'),
  cli('show roa', '[<prefix> | in <prefix> | for <prefix>] [as <num>] [table <t>]', 'Show ROA table'),
  helpOnly('show route', '...', 'Show routing table'),
  cli(
    'show route',
    '[[[<prefix>|for <prefix>|for <ip>] [table <t>] [filter <f>|where <cond>] [all] [primary] [filtered] [(export|preexport|noexport) <p>] [protocol <p>] [stats|count]]]',
    'Show routing table',
  ),
  cli('show static', '[<name>]', 'Show details of static protocol'),
  cli('show status', '', 'Show router status'),
  helpOnly('show symbols', '...', 'Show all known symbolic names'),
  cli('show symbols', '[table|filter|function|protocol|template|roa|<symbol>]', 'Show all known symbolic names'),
]

interface Node {
  readonly token: string
  /** BIRD's hack: `roa` and `rip` lose to another match of the same abbreviation (`ro` is `route`). */
  readonly priority: number
  readonly children: Node[]
  command: CommandInfo | undefined
  help: CommandInfo | undefined
}

/**
 * The client's tree of command words. Its siblings are in the order of the generated command
 * table, which the build sorts line by line (conf/Makefile: `| sort >commands.h`): a line is
 * `{ "show route", ...`, so a command sorts before its own continuations' closing quote.
 */
function buildTree(commands: readonly CommandInfo[]): Node {
  const root: Node = { token: '', priority: 1, children: [], command: undefined, help: undefined }
  const sorted = [...commands].sort((a, b) => {
    const [x, y] = [`${a.command}"`, `${b.command}"`]
    return x < y ? -1 : x > y ? 1 : 0
  })
  for (const info of sorted) {
    let node = root
    for (const token of info.command.split(' ')) {
      let child = node.children.find((c) => c.token === token)
      if (!child) {
        child = { token, priority: token === 'roa' || token === 'rip' ? 0 : 1, children: [], command: undefined, help: undefined }
        node.children.push(child)
      }
      node = child
    }
    if (info.real) node.command = info
    else node.help = info
  }
  return root
}

/** A client build: the commands its grammar knows. */
export type ClientBuild = Node

/** Debian's birdc. */
export const DEBIAN_BIRDC: ClientBuild = buildTree(COMMANDS)

/**
 * Calico's birdcl: its fork is configured `--with-protocols="bfd bgp pipe static"`
 * (projectcalico/bird create_binaries.sh), so the OSPF and RIP commands are not in its grammar.
 */
export const CALICO_BIRDCL: ClientBuild = buildTree(COMMANDS.filter((c) => !c.command.startsWith('show ospf') && !c.command.startsWith('show rip')))

/** client/commands.c cmd_find_abbrev: an exact word, else the one it abbreviates; ambiguous when two of the best priority do. */
function findAbbreviation(node: Node, word: string): { readonly node: Node | undefined; readonly ambiguous: boolean } {
  let best: Node | undefined
  let second: Node | undefined
  for (const child of node.children) {
    if (child.token === word) return { node: child, ambiguous: false }
    if (child.token.length > word.length && child.token.startsWith(word)) {
      if (best && best.priority > child.priority) continue
      if (best && best.priority === child.priority) second = best
      best = child
    }
  }
  return second ? { node: undefined, ambiguous: true } : { node: best, ambiguous: false }
}

/** client/commands.c cmd_do_display_help: `%-45s  %s`, the command and its arguments, then the help. */
const helpLine = (info: CommandInfo): string => `${`${info.command} ${info.args}`.padEnd(45)}  ${info.help}\n`

/** The command the client sends the daemon and the words after it, or what it prints itself instead (it still exits 0). */
export type ClientResult = { readonly command: string; readonly args: readonly string[] } | { readonly print: string }

/** client/commands.c cmd_expand, over the words of the command line. */
export function expandCommand(words: readonly string[], build: ClientBuild = DEBIAN_BIRDC): ClientResult {
  let node = build
  let matched = 0
  for (const word of words) {
    const found = findAbbreviation(node, word)
    if (!found.node) {
      if (!found.ambiguous) break
      const choices = node.children.filter((c) => c.token.length > word.length && c.token.startsWith(word))
      return {
        print: `Ambiguous command, possible expansions are:\n${choices
          .map((c) => {
            const info = c.help ?? c.command
            return info ? helpLine(info) : ''
          })
          .join('')}`,
      }
    }
    node = found.node
    matched++
  }
  if (!node.command) return { print: "No such command. Press `?' for help.\n" }
  return { command: node.command.command, args: words.slice(matched) }
}
