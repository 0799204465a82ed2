/*
 * The registry site's script: progressive enhancement only (every page works without it).
 * Plain ES2019, no build step, loaded with defer after assets/vendor/minisearch.js.
 *
 *  - Search: on a page with #search-input inside #search-form, search.json is fetched on first use and indexed
 *    with MiniSearch; matches show as links in #search-results while the user types (the arrow keys step through
 *    them). A word that is a whole identifier (agreement id, RITM number, agency acronym) is matched exactly first.
 *    Enter submits the form (GET, to the agreements index with ?q=), which also works without JavaScript.
 *  - Filters: on a page with form#filters and table#agreements-table, rows are shown or hidden from their
 *    data-* attributes as the selects change, from the query string on load (q restricts to search hits),
 *    with a live count and the URL kept in sync through history.replaceState.
 *
 * Text from the registry is only ever written with textContent, never parsed as HTML.
 */
(function () {
  'use strict';

  var FILTERS = [
    { name: 'status', attr: 'data-status', list: false },
    { name: 'agency', attr: 'data-agencies', list: true },
    { name: 'secretariat', attr: 'data-secretariats', list: true },
    { name: 'classification', attr: 'data-classifications', list: true },
    { name: 'regulation', attr: 'data-regulations', list: true },
    { name: 'framework', attr: 'data-framework', list: false },
    { name: 'year', attr: 'data-year', list: false }
  ];
  var MAX_RESULTS = 10;

  function statusLabel(status) {
    var text = String(status).replace(/-/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  document.documentElement.classList.add('js');

  function baseUrl() {
    var meta = document.querySelector('meta[name="base-url"]');
    var base = meta && meta.getAttribute('content') ? meta.getAttribute('content') : '/';
    return base.charAt(base.length - 1) === '/' ? base : base + '/';
  }

  var BASE = baseUrl();

  /** A URL from search.json: absolute ones and those under the base are kept, others are made relative to the base. */
  function siteUrl(url) {
    if (!url) return BASE;
    if (/^https?:\/\//i.test(url) || url.indexOf(BASE) === 0) return url;
    return BASE + url.replace(/^\/+/, '');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function plural(n, one, many) {
    return n.toLocaleString('en-US') + ' ' + (n === 1 ? one : many);
  }

  // ---------------------------------------------------------------- search index

  var NOT_WORD = /[^\p{L}\p{N}]+/u;
  var EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var LETTERS_ONLY = /^\p{L}+$/u;

  /** Words are runs of letters and digits: markup-like text (`<b>Name</b>`) still yields `Name`. */
  function words(text) {
    return String(text).split(NOT_WORD).filter(function (word) { return word !== ''; });
  }

  /**
   * Typo tolerance only for words of four letters or more: a three-letter word (an acronym, mostly) or a number
   * (a year, a request number) is never a typo of another one. Four- and five-letter words allow one edit.
   */
  function fuzziness(term) {
    return term.length >= 4 && LETTERS_ONLY.test(term) ? 0.2 : false;
  }

  var indexPromise = null;

  /**
   * Fetches and indexes search.json once; resolves to { index, exact }, or null when search is unavailable.
   * exact maps each whole identifier (agreement id, service request number, agency id or acronym), lower-cased,
   * to the documents that carry it, in the order of search.json.
   */
  function loadIndex() {
    if (indexPromise) return indexPromise;
    if (typeof window.MiniSearch !== 'function' || typeof window.fetch !== 'function') {
      indexPromise = Promise.resolve(null);
      return indexPromise;
    }
    indexPromise = window.fetch(BASE + 'search.json', { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('search.json: HTTP ' + response.status);
        return response.json();
      })
      .then(function (documents) {
        var docs = Array.isArray(documents) ? documents : [];
        var index = new window.MiniSearch({
          idField: 'id',
          fields: ['id', 'title', 'partyNames', 'people', 'purpose', 'elements', 'regulations', 'citations', 'tags', 'status', 'serviceRequest'],
          storeFields: ['id', 'title', 'url', 'status', 'framework', 'year', 'partyNames', 'purpose', 'expires', 'serviceRequest'],
          extractField: function (document, field) {
            var value = document[field];
            if (Array.isArray(value)) return value.join(' ');
            return value === undefined || value === null ? '' : String(value);
          },
          tokenize: words,
          searchOptions: {
            prefix: true,
            fuzzy: fuzziness,
            combineWith: 'AND',
            boost: { id: 4, title: 3, serviceRequest: 3, partyNames: 1.5, people: 1.5 }
          }
        });
        index.addAll(docs);
        var exact = Object.create(null);
        docs.forEach(function (doc) {
          (Array.isArray(doc.ids) ? doc.ids : []).forEach(function (id) {
            var key = String(id).toLowerCase();
            var list = exact[key] || (exact[key] = []);
            if (list.indexOf(doc) < 0) list.push(doc);
          });
        });
        return { index: index, exact: exact };
      })
      .catch(function () {
        return null;
      });
    return indexPromise;
  }

  /**
   * The query's hits, best first. Words that are whole identifiers are matched exactly first: the hits are the
   * documents carrying every such identifier, and only them (the other words, if any, are searched among them).
   * Other queries go to MiniSearch (prefix as you type, typo tolerance on longer words, every word required).
   */
  function search(state, query) {
    var text = (query || '').trim();
    if (!state || text === '') return [];
    var allowed = null;
    var rest = [];
    text.split(/\s+/).forEach(function (term) {
      var docs = state.exact[term.replace(EDGE_PUNCTUATION, '').toLowerCase()];
      if (!docs) {
        rest.push(term);
        return;
      }
      allowed = allowed === null ? docs.slice() : allowed.filter(function (doc) { return docs.indexOf(doc) >= 0; });
    });
    if (allowed === null) return state.index.search(text);
    if (rest.length === 0) return allowed;
    var ids = Object.create(null);
    allowed.forEach(function (doc) { ids[doc.id] = true; });
    return state.index.search(rest.join(' '), { filter: function (result) { return ids[result.id] === true; } });
  }

  // ---------------------------------------------------------------- live search results

  function renderResults(container, query, hits, state) {
    while (container.firstChild) container.removeChild(container.firstChild);
    var text = (query || '').trim();
    if (text === '') return;
    if (!state) {
      container.appendChild(el('p', 'search-results__summary', 'Search is unavailable; press Enter to search the agreements table.'));
      return;
    }
    var summary = el('p', 'search-results__summary',
      hits.length === 0 ? 'No agreement matches “' + text + '”.' : plural(hits.length, 'agreement matches', 'agreements match') + ' “' + text + '”.');
    container.appendChild(summary);
    if (hits.length === 0) return;

    var list = el('ul', 'search-results__list');
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var item = el('li', 'search-results__item');
      var link = el('a', 'search-results__link');
      link.href = siteUrl(hit.url);
      link.textContent = hit.id + ': ' + (hit.title || '');
      item.appendChild(link);
      var meta = el('span', 'search-results__meta');
      if (hit.status) {
        meta.appendChild(el('span', 'status-badge status-badge--' + String(hit.status).replace(/[^a-z-]/g, ''), statusLabel(hit.status)));
      }
      var details = [];
      if (hit.partyNames) details.push(hit.partyNames);
      if (hit.serviceRequest) details.push(hit.serviceRequest);
      if (hit.expires) details.push('expires ' + hit.expires);
      meta.appendChild(document.createTextNode(details.join(' · ')));
      item.appendChild(meta);
      list.appendChild(item);
    });
    container.appendChild(list);

    if (hits.length > MAX_RESULTS) {
      var more = el('p', 'search-results__more');
      var all = el('a', null, 'Show all ' + hits.length.toLocaleString('en-US') + ' in the agreements table');
      all.href = BASE + 'agreements/?q=' + encodeURIComponent(text);
      more.appendChild(all);
      container.appendChild(more);
    }
  }

  function initSearch() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-input');
    if (!form || !input || !form.contains(input)) return;
    var results = document.getElementById('search-results');
    if (!results) {
      results = el('div', 'search-results no-print');
      results.id = 'search-results';
      form.parentNode.insertBefore(results, form.nextSibling);
    }
    if (!results.hasAttribute('aria-live')) results.setAttribute('aria-live', 'polite');
    if (!form.getAttribute('action')) form.setAttribute('action', BASE + 'agreements/');
    if (!input.getAttribute('name')) input.setAttribute('name', 'q');

    var timer = null;
    var latest = 0;
    function update() {
      var query = input.value;
      var ticket = ++latest;
      loadIndex().then(function (state) {
        if (ticket !== latest) return; // a newer keystroke won
        // Results that arrive late must not take the focus away from a keyboard user already in them.
        var focusedAt = links().indexOf(document.activeElement);
        renderResults(results, query, search(state, query), state);
        if (focusedAt >= 0) moveFocus(focusedAt);
      });
    }
    input.addEventListener('focus', function () { loadIndex(); });
    input.addEventListener('input', function () {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(update, 60);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && input.value !== '') {
        input.value = '';
        renderResults(results, '', [], null);
      } else if (event.key === 'ArrowDown' && moveFocus(0)) {
        event.preventDefault();
      }
    });
    // Keyboard: the results are plain links (Tab reaches them); the arrow keys also step through them, and Escape
    // goes back to the box. Enter on a link follows it, as on any link.
    function links() {
      return Array.prototype.slice.call(results.querySelectorAll('a[href]'));
    }
    function moveFocus(position) {
      var all = links();
      if (all.length === 0) return false;
      all[Math.max(0, Math.min(all.length - 1, position))].focus();
      return true;
    }
    results.addEventListener('keydown', function (event) {
      var position = links().indexOf(document.activeElement);
      if (position < 0) return;
      if (event.key === 'ArrowDown') {
        moveFocus(position + 1);
      } else if (event.key === 'ArrowUp') {
        if (position === 0) input.focus();
        else moveFocus(position - 1);
      } else if (event.key === 'Escape') {
        input.focus();
      } else {
        return;
      }
      event.preventDefault();
    });
    if (input.value.trim() !== '') update();
  }

  // ---------------------------------------------------------------- table filters

  function initFilters() {
    var form = document.getElementById('filters');
    var table = document.getElementById('agreements-table');
    if (!form || !table || !table.tBodies || table.tBodies.length === 0) return;

    var rows = [];
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) { rows.push(row); });
    });
    var count = document.getElementById('filter-count') || document.getElementById('agreements-count');
    var searchInput = document.getElementById('search-input');
    var params = new URLSearchParams(window.location.search);
    var query = (params.get('q') || '').trim();
    var hitIds = null; // null: no search restriction; otherwise the ids that match q
    var searchState = query === '' ? 'none' : 'pending'; // none | pending | ready | unavailable

    function select(name) {
      var control = form.elements.namedItem(name);
      return control && control.tagName === 'SELECT' ? control : null;
    }

    // Load the state from the query string (only values the selects offer).
    FILTERS.forEach(function (filter) {
      var control = select(filter.name);
      var value = params.get(filter.name);
      if (!control || value === null) return;
      var known = Array.prototype.some.call(control.options, function (option) { return option.value === value; });
      if (known) control.value = value;
    });
    if (query !== '' && searchInput && searchInput.value === '') searchInput.value = query;

    function current() {
      var state = {};
      FILTERS.forEach(function (filter) {
        var control = select(filter.name);
        var value = control ? control.value : (params.get(filter.name) || '');
        if (value) state[filter.name] = value;
      });
      return state;
    }

    function rowId(row) {
      var id = row.getAttribute('data-id');
      if (id) return id;
      var link = row.querySelector('a');
      return link ? link.textContent.trim() : '';
    }

    function matches(row, state) {
      for (var i = 0; i < FILTERS.length; i++) {
        var filter = FILTERS[i];
        var wanted = state[filter.name];
        if (!wanted) continue;
        var actual = row.getAttribute(filter.attr) || '';
        if (filter.list) {
          if (actual.split(/\s+/).indexOf(wanted) < 0) return false;
        } else if (actual !== wanted) {
          return false;
        }
      }
      return !(hitIds && !hitIds[rowId(row)]);
    }

    function syncUrl(state) {
      if (!window.history || typeof window.history.replaceState !== 'function') return;
      var next = new URLSearchParams();
      if (query !== '') next.set('q', query);
      FILTERS.forEach(function (filter) {
        if (state[filter.name]) next.set(filter.name, state[filter.name]);
      });
      var search = next.toString();
      var url = window.location.pathname + (search ? '?' + search : '') + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, '', url);
      }
    }

    function apply() {
      var state = current();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, state);
        row.hidden = !visible;
        if (visible) shown++;
      });
      var filtered = shown !== rows.length || Object.keys(state).length > 0 || searchState === 'ready';
      if (count) {
        var text = filtered
          ? 'Showing ' + shown.toLocaleString('en-US') + ' of ' + plural(rows.length, 'agreement', 'agreements')
          : 'Showing all ' + plural(rows.length, 'agreement', 'agreements');
        if (searchState === 'ready') text += ' matching “' + query + '”';
        else if (searchState === 'pending') text += ' (searching for “' + query + '”…)';
        else if (searchState === 'unavailable') text += ' (search is unavailable, so “' + query + '” is ignored)';
        count.textContent = text + '.';
      }
      syncUrl(state);
    }

    form.addEventListener('change', apply);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      apply();
    });
    form.addEventListener('reset', function () {
      query = '';
      hitIds = null;
      searchState = 'none';
      window.setTimeout(apply, 0);
    });

    if (query !== '') {
      loadIndex().then(function (state) {
        if (!state) {
          // Search unavailable: show the table unrestricted rather than empty.
          searchState = 'unavailable';
        } else {
          hitIds = {};
          search(state, query).forEach(function (hit) { hitIds[hit.id] = true; });
          searchState = 'ready';
        }
        apply();
      });
    }
    apply();
  }

  function init() {
    initSearch();
    initFilters();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();

/* ==========================================================================================================
 * Data-flow graph (graph page only): focusing or hovering an agency highlights its flows.
 * The nodes are links (a.flow-graph__node[data-agency]); the edges carry data-from and data-to. While an agency is
 * active, the SVG gets flow-graph--focus, the agency's edges and node is-highlighted and its partners is-partner
 * (site.css draws the rest). The table under the graph stays the text alternative.
 * ========================================================================================================== */
(function () {
  'use strict';

  var svg = document.querySelector('svg.flow-graph');
  if (!svg) return;
  var nodes = Array.prototype.slice.call(svg.querySelectorAll('.flow-graph__node'));
  var edges = Array.prototype.slice.call(svg.querySelectorAll('.flow-graph__edge'));
  var focused = null;

  function highlight(id) {
    var partners = {};
    svg.classList.toggle('flow-graph--focus', id !== null);
    edges.forEach(function (edge) {
      var from = edge.getAttribute('data-from');
      var to = edge.getAttribute('data-to');
      var mine = id !== null && (from === id || to === id);
      edge.classList.toggle('is-highlighted', mine);
      if (mine) partners[from === id ? to : from] = true;
    });
    nodes.forEach(function (node) {
      var agency = node.getAttribute('data-agency');
      node.classList.toggle('is-highlighted', id !== null && agency === id);
      node.classList.toggle('is-partner', id !== null && agency !== id && partners[agency] === true);
    });
  }

  nodes.forEach(function (node) {
    var id = node.getAttribute('data-agency');
    node.addEventListener('focus', function () { focused = id; highlight(id); });
    node.addEventListener('blur', function () { focused = null; highlight(null); });
    node.addEventListener('mouseenter', function () { highlight(id); });
    node.addEventListener('mouseleave', function () { highlight(focused); });
  });
})();
/* ===================================== end of data-flow graph ===================================== */
