/** Settings: this host (id, tags, version, where it keeps things) and the hosts of its cluster, online or not. */
import { h, replace } from '../dom.js';

const EVERY_MS = 10000; // hosts ping each other every 10 s; reading more often shows nothing new

export function mountSettings(main, params, ctx) {
  document.title = 'Settings · floe';
  const host = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  const cluster = h('div');
  main.replaceChildren(h('h1', null, 'Settings'),
    h('section', { 'aria-labelledby': 'sec-host' }, h('h2', { id: 'sec-host' }, 'This host'), host),
    h('section', { 'aria-labelledby': 'sec-cluster' }, h('h2', { id: 'sec-cluster' }, 'Cluster'), cluster));
  let gone = false;

  async function load() {
    let cfg, common = null, source = null;
    try {
      [cfg, common, source] = await Promise.all([
        ctx.api.get('/host'),
        ctx.api.get('/flows').then(f => f && f.Common).catch(() => null),
        ctx.api.get('/config/source').catch(() => null),
      ]);
    } catch (e) {
      if (!gone) replace(host, h('p', { class: 'error' }, `The host's settings could not be read: ${e.message}`));
      return;
    }
    if (gone) return;
    const me = (cfg && cfg.Config) || {};
    const version = (cfg && cfg.Version) || me.Version || 'not reported by this host';
    const rows = [
      ['Host id', h('code', null, me.HostID || '')],
      ['Tags', tags(me.Tags)],
      ['Version', version],
      ['Status', online(me.Online !== false)],
    ];
    if (common) {
      rows.push(['API base', h('code', null, common.BaseURL || '')]);
      rows.push(['Workspaces', h('code', null, common.WorkspaceRoot || '')]);
      rows.push(['Run store', `${common.StoreType || ''} in ${common.StoreRoot || ''}`]);
    }
    if (source && source.Origin) {
      const o = source.Origin;
      const where = o.Kind === 'git' ? `${o.Reference} at ${(o.Commit || '').slice(0, 12)}` : o.Reference;
      rows.push(['Config', h('span', { 'data-config': o.Kind || '' }, h('code', null, where || ''),
        ` (${o.Kind || 'file'}, loaded ${o.LoadedAt ? new Date(o.LoadedAt).toLocaleString() : 'at start'})`)]);
      if (source.LastError) {
        rows.push(['Last reload', h('span', { class: 'error' }, `refused: ${source.LastError}`)]);
      }
    }
    replace(host, h('dl', { class: 'facts wide', 'data-host': me.HostID || '' }, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v)))));
    const others = Object.entries((cfg && cfg.AllHosts) || {});
    if (!others.length) {
      replace(cluster, h('p', { class: 'muted' }, 'This host works alone: no other hosts are configured (common.hosts).'));
      return;
    }
    replace(cluster, h('div', { class: 'table-scroll' }, h('table', { class: 'hosts' },
      h('caption', { class: 'sr-only' }, 'Hosts of the cluster'),
      h('thead', null, h('tr', null, ['Host', 'Address', 'Status', 'Tags'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, others.map(([key, o]) => h('tr', { 'data-host': o.HostID || key },
        h('td', null, o.HostID ? h('code', null, o.HostID) : h('span', { class: 'muted' }, 'never reached')),
        h('td', null, h('code', null, o.BaseURL || '')),
        h('td', null, online(!!o.Online)),
        h('td', null, tags(o.Tags))))))));
  }

  load();
  const timer = setInterval(load, EVERY_MS);
  return {
    refresh: load,
    unmount() {
      gone = true;
      clearInterval(timer);
    },
  };
}

function tags(list) {
  return list && list.length ? h('span', { class: 'tags' }, list.map(t => h('span', { class: 'tag' }, t))) : h('span', { class: 'muted' }, 'none');
}

function online(on) {
  return h('span', { class: `badge ${on ? 'status-good' : 'status-bad'}` }, on ? 'Online' : 'Offline');
}
