import { parseIpAddress } from '../../../net'

/**
 * The words BIRD 1.6.8's configuration lexer takes for keywords rather than symbols: every
 * CF_KEYWORDS and CF_CLI word of the grammar Debian builds (conf/, nest/, filter/, sysdep/ and
 * proto/{bfd,bgp,ospf,pipe,radv,rip,static}). A keyword where a name belongs is a syntax error;
 * any other name is a symbol, and BIRD says what kind of symbol it is not.
 */
const KEYWORDS = new Set(
  `
accept action add address administrative advertise after algorithm all allow area as as4 attributes auth authentication autonomous aware base bcast
bfd bgp bgp_aggregator bgp_atomic_aggr bgp_cluster_list bgp_community bgp_ext_community bgp_large_community bgp_local_pref bgp_med bgp_next_hop
bgp_origin bgp_originator_id bgp_path bgpmask bgppath blackhole block bool broadcast buffer bug capabilities case cast cease change check class client
clist cluster collision commands communities config configuration configure confirm connect connection contains cost cost2 count cryptographic current
dead debug deconfigured default define defined delay delete description dest deterministic dev device direct disable disabled dnssl domain down drop
dscp dual dump ec echo eclist ecmp eligible else empty enable error eval events export extended external false fatal filter filtered filters first
flush for forget from function garbage gateway generate generic global graceful gw hello hidden high hit hmac hold hop horizon id idle if ifindex
ifname ignore igp igp_metric import in infinity info instance int interface interfaces interpret interval ip ipv4 iso keep keepalive kernel keyed
krt_advmss krt_cwnd krt_feature_allfrag krt_feature_ecn krt_hoplimit krt_initcwnd krt_initrwnd krt_lock_advmss krt_lock_cwnd krt_lock_hoplimit
krt_lock_mtu krt_lock_reordering krt_lock_rto_min krt_lock_rtt krt_lock_rttvar krt_lock_sstresh krt_lock_window krt_metric krt_mtu krt_prefsrc
krt_quickack krt_realm krt_reordering krt_rto_min krt_rtt krt_rttvar krt_scope krt_source krt_sstresh krt_window large last last_nonaggregated latency
lc lclist learn len length lifetime limit linger link listen lived lladdr local log long low lsa lsadb lsid managed mask match max md5 med medium
memory merge messages meticulous metric min missing mode mrtdump ms mtu mult multicast multihop multipath multiplier name nbma neighbor neighbors net
netmask networks next no noexport nonbroadcast none normal ns nssa of off old older on onlink only opaque ospf ospf_metric1 ospf_metric2
ospf_router_id ospf_tag other out packets pair passive password passwords path paths peer persist pipe plaintext pointomultipoint pointopoint poison
poll port preexport prefer preference preferred prefix prepend primary print printn priority prohibit propagate proto protocol protocols ptmp ptp quad
quitbird ra ra_lifetime ra_preference radv rdnss reachable real receive recursive refresh reject rejected reload remote reset resources restart
restrict retrans retransmit retry return reverse rfc1583compat rip rip_metric rip_tag ro roa roa_check route router routes rr rs rt rx s scan scope
secondary security self sensitive sessions set setkey sha1 sha256 sha384 sha512 short show shutdown simple skip sockets soft sorted source split
stability stale start startup state states static stats status stderr strict string stub stubnet summary suppression symbols syslog table tag template
then tick time timeformat timeout timer to topology trace translator transmit transparent trigger true ttl tx type undo unknown unreachable unset
update us v6only valid version via virtual vrf wait warn warning watchdog weight where yes zero
`
    .split(/\s+/)
    .filter((w) => w !== ''),
)

export type Token =
  | { readonly kind: 'ip'; readonly text: string; readonly value: number }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'keyword'; readonly text: string }
  | { readonly kind: 'symbol'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'char'; readonly text: string }

/** A message BIRD's parser answers instead of running the command (cf_error, or bison's own). */
export class BirdError extends Error {}

export const SYNTAX_ERROR = 'syntax error'

/**
 * The command line as conf/cf-lex.l reads it: dotted quads (`Invalid IPv4 address` when they are
 * not one), numbers, names (keywords are matched exactly, case and all), quoted text, and the
 * single-character operators.
 */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = []
  const pattern = /\s+|(\d+\.\d+\.\d+\.\d+)|(0x[0-9a-fA-F]+|\d+)|([A-Za-z_][A-Za-z_0-9]*|'[A-Za-z_0-9.:-]*')|("[^"\n]*")|([={}:;,.()+*/%<>~[\]?!|-])|(.)/gy
  for (let match = pattern.exec(line); match !== null && match[0] !== ''; match = pattern.exec(line)) {
    const [, ip, number, name, text, char, unknown] = match
    if (ip !== undefined) {
      const parsed = parseIpAddress(ip)
      if (!parsed.ok || parsed.value.family !== 4) throw new BirdError(`Invalid IPv4 address ${ip}`)
      tokens.push({ kind: 'ip', text: ip, value: parsed.value.value as number })
    } else if (number !== undefined) tokens.push({ kind: 'number', value: Number(number) })
    else if (name !== undefined) tokens.push(KEYWORDS.has(name) ? { kind: 'keyword', text: name } : { kind: 'symbol', text: name.replace(/^'|'$/g, '') })
    else if (text !== undefined) tokens.push({ kind: 'text', text: text.slice(1, -1) })
    else if (char !== undefined) tokens.push({ kind: 'char', text: char })
    else if (unknown !== undefined) throw new BirdError('Unknown character')
  }
  return tokens
}
