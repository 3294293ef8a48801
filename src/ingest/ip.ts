import { isIPv4, isIPv6 } from 'node:net';

/**
 * Truncate an IP address before anything is stored (GDPR data minimisation): IPv4 keeps its /24
 * (`81.82.14.77` → `81.82.14.0`), IPv6 its /48 (`2a02:1810:4d02:7f00::1` → `2a02:1810:4d02::`).
 * Anything that is not an IP address gives ''.
 */
export function truncateIp(raw: string): string {
  let ip = raw.trim();
  if (ip.startsWith('::ffff:') && isIPv4(ip.slice(7))) ip = ip.slice(7);
  if (isIPv4(ip)) return ip.split('.').slice(0, 3).concat('0').join('.');
  if (isIPv6(ip)) {
    const [head = '', tail = ''] = ip.split('::');
    const headGroups = head ? head.split(':') : [];
    const tailGroups = tail ? tail.split(':') : [];
    const missing = 8 - headGroups.length - tailGroups.length;
    const groups = ip.includes('::')
      ? [...headGroups, ...Array(missing).fill('0'), ...tailGroups]
      : headGroups;
    return `${groups
      .slice(0, 3)
      .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
      .join(':')}::`;
  }
  return '';
}
