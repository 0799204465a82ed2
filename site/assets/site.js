/*
 * The registry site's script: progressive enhancement only (every page works without it).
 * Plain ES2019, no build step, loaded with defer.
 *
 *  - Search: on a page with #search-input inside #search-form, matches show as links in #search-results while the user
 *    types (the arrow keys step through them). The index is prebuilt by the build (Exports/SearchIndex.cs) and split in
 *    small files: the manifest, then only the term chunks a query's words fall in and the document records of the
 *    results shown. A word that is a whole identifier (agreement id, RITM number, agency acronym) is matched exactly first.
 *    Enter submits the form (GET, to the agreements index with ?q=), which also works without JavaScript.
 *  - Filters: on a page with form#filters and table#agreements-table, the selects and ?q= restrict the agreements. On a
 *    one-page listing, rows are shown or hidden from their data-* attributes; on a paginated listing the matching
 *    agreements come from the index's filter terms and are listed in the table in place of the page's rows. The count is
 *    live and the URL kept in sync through history.replaceState.
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
  /** Rows a filtered paginated listing shows at a time (SiteModel.PageSize). */
  var ROWS_SHOWN = 200;

  function statusLabel(status) {
    var text = String(status).replace(/-/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  document.documentElement.classList.add('js');

  function meta(name) {
    var node = document.querySelector('meta[name="' + name + '"]');
    return node && node.getAttribute('content') ? node.getAttribute('content') : null;
  }

  function baseUrl() {
    var base = meta('base-url') || '/';
    return base.charAt(base.length - 1) === '/' ? base : base + '/';
  }

  var BASE = baseUrl();

  /** A URL from the index: absolute ones and those under the base are kept, others are made relative to the base. */
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

  // ---------------------------------------------------------------- tokens (the rules: site/Exports/SearchTokens.cs)

  var NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;
  var EDGE = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;
  var LETTERS_ONLY = /^\p{L}+$/u;

  /** Lower-cases code point by code point; a code point whose lower case is longer (İ) stays as it is, as in .NET. */
  function lower(text) {
    var out = '';
    Array.from(text).forEach(function (c) {
      var l = c.toLowerCase();
      out += Array.from(l).length === 1 ? l : c;
    });
    return out;
  }

  /** Words are runs of letters, combining marks and numbers: markup-like text (`<b>Name</b>`) still yields `name`. */
  function words(text) {
    return String(text).split(NOT_WORD).filter(function (word) { return word !== ''; }).map(lower);
  }

  /** An identifier as typed, compared whole: without punctuation at its ends, lower-cased. */
  function exactKey(text) {
    return lower(String(text).replace(EDGE, ''));
  }

  /**
   * Typo tolerance only for words of four letters or more: a three-letter word (an acronym, mostly) or a number
   * (a year, a request number) is never a typo of another one. It allows round(0.2 × length) edits.
   */
  function maxEdits(term) {
    return term.length >= 4 && LETTERS_ONLY.test(term) ? Math.min(6, Math.round(term.length * 0.2)) : 0;
  }

  /** Levenshtein distance, or max + 1 once it is certain to exceed max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var previous = [];
    var current = [];
    var i;
    var j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (current[j] < best) best = current[j];
      }
      if (best > max) return max + 1;
      previous = current;
    }
    return previous[b.length];
  }

  // The rules are shared with the build: a test compares these with SearchTokens.cs on awkward text.
  window.DulaSearchTokens = { words: words, exactKey: exactKey };

  // ---------------------------------------------------------------- search index (search/…)

  var indexPromise = null;
  var files = Object.create(null);

  function getJson(url) {
    if (!files[url]) {
      files[url] = window.fetch(url, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        return response.json();
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }

  /** Fetches the manifest once; resolves to the index state, or null when search is unavailable. */
  function loadIndex() {
    if (indexPromise) return indexPromise;
    var url = meta('search-index');
    if (!url || typeof window.fetch !== 'function' || typeof Promise !== 'function') {
      indexPromise = Promise.resolve(null);
      return indexPromise;
    }
    var folder = url.slice(0, url.lastIndexOf('/') + 1);
    indexPromise = getJson(url)
      .then(function (manifest) {
        if (!manifest || manifest.version !== 1 || !Array.isArray(manifest.chunks)) throw new Error('search index: unknown format');
        return {
          documents: manifest.documents,
          documentChunk: manifest.documentChunk,
          chunks: manifest.chunks,
          wordLengths: manifest.wordLengths || [],
          docs: folder + manifest.docs,
          terms: folder + manifest.terms,
          words: folder + manifest.words
        };
      })
      .catch(function () {
        return null;
      });
    return indexPromise;
  }

  /** The term chunk that would hold term: the last whose first term is not after it. */
  function chunkOf(state, term) {
    var low = 0;
    var high = state.chunks.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (state.chunks[mid] <= term) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  function termChunk(state, n) {
    return getJson(state.terms + n + '.json');
  }

  /** Postings as { ordinals, weights }: ordinals ascending. */
  function decode(postings) {
    var deltas = postings[0];
    var ordinals = new Array(deltas.length);
    var at = 0;
    for (var i = 0; i < deltas.length; i++) {
      at += deltas[i];
      ordinals[i] = at;
    }
    return { ordinals: ordinals, weights: postings[1] || null };
  }

  /** The postings of one term, or null. */
  function lookup(state, term) {
    if (state.chunks.length === 0) return Promise.resolve(null);
    return termChunk(state, chunkOf(state, term)).then(function (chunk) {
      return Object.prototype.hasOwnProperty.call(chunk, term) ? decode(chunk[term]) : null;
    });
  }

  /** Every term that starts with prefix, with its postings: [[term, postings], …]. */
  function withPrefix(state, prefix) {
    if (state.chunks.length === 0) return Promise.resolve([]);
    var first = chunkOf(state, prefix);
    var last = first;
    while (last + 1 < state.chunks.length && state.chunks[last + 1].indexOf(prefix) === 0) last++;
    var loads = [];
    for (var n = first; n <= last; n++) loads.push(termChunk(state, n));
    return Promise.all(loads).then(function (chunks) {
      var found = [];
      chunks.forEach(function (chunk) {
        Object.keys(chunk).forEach(function (term) {
          if (term.indexOf(prefix) === 0) found.push([term, decode(chunk[term])]);
        });
      });
      return found;
    });
  }

  /** The words within max edits of term (letters only, see SearchTokens.cs), with their distance: [[word, d], …]. */
  function near(state, term, max) {
    var loads = [];
    state.wordLengths.forEach(function (length) {
      if (Math.abs(length - term.length) <= max) loads.push(getJson(state.words + length + '.json'));
    });
    return Promise.all(loads).then(function (lists) {
      var found = [];
      lists.forEach(function (list) {
        list.forEach(function (word) {
          var d = distance(term, word, max);
          if (d > 0 && d <= max) found.push([word, d]);
        });
      });
      return found;
    });
  }

  /**
   * Scores of the documents one query word matches: the word itself (weight 1), the words it begins (prefix as you
   * type, less the longer they are) and, for longer words, those a few typos away (MiniSearch's weights, which the
   * site used before the index was prebuilt). Resolves to an object ordinal → score.
   */
  function wordScores(state, token) {
    // A flat array by ordinal (and the list of those touched) is much faster than an object keyed by ordinal.
    var scores = { score: new Float64Array(state.documents), touched: [] };
    function add(postings, weight) {
      for (var i = 0; i < postings.ordinals.length; i++) {
        var o = postings.ordinals[i];
        if (scores.score[o] === 0) scores.touched.push(o);
        scores.score[o] += weight * (postings.weights ? postings.weights[i] : 1);
      }
    }
    var max = maxEdits(token);
    return Promise.all([withPrefix(state, token), max > 0 ? near(state, token, max) : Promise.resolve([])]).then(function (found) {
      found[0].forEach(function (entry) {
        var extra = entry[0].length - token.length;
        add(entry[1], extra === 0 ? 1 : 0.375 * token.length / (token.length + 0.3 * extra));
      });
      var typos = found[1].filter(function (entry) { return entry[0].indexOf(token) !== 0; });
      return Promise.all(typos.map(function (entry) { return lookup(state, entry[0]); })).then(function (postings) {
        postings.forEach(function (p, i) {
          if (p) add(p, 0.45 * token.length / (token.length + typos[i][1]));
        });
        return scores;
      });
    });
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  /**
   * The query's hits as document ordinals, best first. Words that are whole identifiers are matched exactly first: the
   * hits are the documents carrying every such identifier, and only them, in id order (the other words, if any, are
   * searched among them). Other words must all match (prefix as you type, typo tolerance on longer words).
   */
  function search(state, query) {
    var text = (query || '').trim();
    if (!state || text === '') return Promise.resolve([]);
    var parts = text.split(/\s+/);
    // The exact identifiers and every word are looked up at once (the files load in parallel); words of a part that
    // turns out to be an identifier are then left out.
    var everyWord = words(text).filter(function (t, i, all) { return all.indexOf(t) === i; });
    var scored = Promise.all(everyWord.map(function (token) { return wordScores(state, token); }));
    return Promise.all([Promise.all(parts.map(function (part) {
      var key = exactKey(part);
      return key === '' ? null : lookup(state, '=' + key);
    })), scored]).then(function (found) {
      var exact = found[0];
      var allowed = null;
      var rest = [];
      parts.forEach(function (part, i) {
        if (!exact[i]) rest.push(part);
        else allowed = allowed === null ? exact[i].ordinals : intersect(allowed, exact[i].ordinals);
      });
      if (allowed !== null && rest.length === 0) return allowed;
      var tokens = words(rest.join(' ')).filter(function (t, i, all) { return all.indexOf(t) === i; });
      if (tokens.length === 0) return [];
      var maps = tokens.map(function (token) { return found[1][everyWord.indexOf(token)]; });
      var total = new Float64Array(state.documents);
      var hits = [];
      maps[0].touched.forEach(function (o) {
        var sum = 0;
        for (var m = 0; m < maps.length; m++) {
          if (maps[m].score[o] === 0) return;
          sum += maps[m].score[o];
        }
        total[o] = sum;
        hits.push(o);
      });
      if (allowed !== null) hits = intersect(allowed, hits.sort(function (x, y) { return x - y; }));
      return hits.sort(function (x, y) { return total[y] - total[x] || x - y; });
    });
  }

  /** The records of the given ordinals (what a result or a row shows), in the same order. */
  function records(state, ordinals) {
    return Promise.all(ordinals.map(function (o) {
      return getJson(state.docs + Math.floor(o / state.documentChunk) + '.json').then(function (chunk) {
        return chunk[o % state.documentChunk];
      });
    }));
  }

  // ---------------------------------------------------------------- live search results

  /** count: how many agreements match; hits: the records of the first of them (MAX_RESULTS at most); all: the table's URL. */
  function renderResults(container, query, count, hits, state, all) {
    while (container.firstChild) container.removeChild(container.firstChild);
    var text = (query || '').trim();
    if (text === '') return;
    if (!state) {
      container.appendChild(el('p', 'search-results__summary', 'Search is unavailable; press Enter to search the agreements table.'));
      return;
    }
    var summary = el('p', 'search-results__summary',
      count === 0 ? 'No agreement matches “' + text + '”.' : plural(count, 'agreement matches', 'agreements match') + ' “' + text + '”.');
    container.appendChild(summary);
    if (count === 0) return;

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

    if (count > MAX_RESULTS) {
      var more = el('p', 'search-results__more');
      var link = el('a', null, 'Show all ' + count.toLocaleString('en-US') + ' in the agreements table');
      link.href = all + '?q=' + encodeURIComponent(text);
      more.appendChild(link);
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
      var state = null;
      var count = 0;
      loadIndex().then(function (loaded) {
        state = loaded;
        return search(state, query);
      }).then(function (ordinals) {
        count = ordinals.length;
        return state ? records(state, ordinals.slice(0, MAX_RESULTS)) : [];
      }).catch(function () {
        state = null; // a chunk failed to load: say search is unavailable rather than show nothing
        return [];
      }).then(function (hits) {
        if (ticket !== latest) return; // a newer keystroke won
        // Results that arrive late must not take the focus away from a keyboard user already in them.
        var focusedAt = links().indexOf(document.activeElement);
        renderResults(results, query, count, hits, state, form.getAttribute('action'));
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
        renderResults(results, '', 0, [], null, '');
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

  /** A table row like AgreementTable.razor's, from a document record. */
  function rowOf(doc) {
    var row = document.createElement('tr');
    row.setAttribute('data-id', doc.id);
    row.setAttribute('data-status', doc.status || '');
    row.setAttribute('data-agencies', (doc.agencies || []).join(' '));
    row.setAttribute('data-secretariats', (doc.secretariats || []).join(' '));
    row.setAttribute('data-classifications', (doc.classifications || []).join(' '));
    row.setAttribute('data-regulations', (doc.regulations || []).join(' '));
    row.setAttribute('data-framework', doc.framework || '');
    row.setAttribute('data-year', doc.year === null || doc.year === undefined ? '' : String(doc.year));
    var head = el('th');
    head.setAttribute('scope', 'row');
    var link = el('a', null, doc.id);
    link.href = siteUrl(doc.url);
    head.appendChild(link);
    row.appendChild(head);
    row.appendChild(el('td', null, doc.title));
    var status = el('td');
    status.appendChild(el('span', 'status-badge status-badge--' + String(doc.status).replace(/[^a-z-]/g, ''), doc.statusLabel || statusLabel(doc.status)));
    row.appendChild(status);
    row.appendChild(el('td', null, doc.owners));
    row.appendChild(el('td', null, doc.recipients));
    row.appendChild(el('td', null, doc.frameworkLabel));
    var expires = el('td');
    if (doc.expires) {
      var time = el('time', null, doc.expires);
      time.setAttribute('datetime', doc.expires);
      expires.appendChild(time);
    }
    row.appendChild(expires);
    return row;
  }

  function initFilters() {
    var form = document.getElementById('filters');
    var table = document.getElementById('agreements-table');
    if (!form || !table || !table.tBodies || table.tBodies.length === 0) return;

    var body = table.tBodies[0];
    var pageRows = [];
    Array.prototype.forEach.call(table.tBodies, function (tbody) {
      Array.prototype.forEach.call(tbody.rows, function (row) { pageRows.push(row); });
    });
    // A page of a longer listing: filters and searches cover the whole listing, through the index.
    var paginated = table.getAttribute('data-paginated') === 'true';
    var scopeYear = table.getAttribute('data-scope-year');
    var pageCount = document.getElementById('agreements-count');
    var pageCountText = pageCount ? pageCount.textContent : '';
    var pagers = Array.prototype.slice.call(document.querySelectorAll('nav.pagination'));
    var moreButton = null;
    var count = document.getElementById('filter-count') || pageCount;
    var searchInput = document.getElementById('search-input');
    var params = new URLSearchParams(window.location.search);
    var query = (params.get('q') || '').trim();
    var hitIds = null; // one-page listing: null (no search restriction) or the ids that match q
    var searchState = query === '' ? 'none' : 'pending'; // none | pending | ready | unavailable
    var latest = 0;

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

    function searchNote() {
      if (searchState === 'ready') return ' matching “' + query + '”';
      if (searchState === 'pending') return ' (searching for “' + query + '”…)';
      if (searchState === 'unavailable') return ' (search is unavailable, so “' + query + '” is ignored)';
      return '';
    }

    function apply() {
      var state = current();
      syncUrl(state);
      if (paginated) {
        applyToListing(state);
        return;
      }
      var shown = 0;
      pageRows.forEach(function (row) {
        var visible = matches(row, state);
        row.hidden = !visible;
        if (visible) shown++;
      });
      var filtered = shown !== pageRows.length || Object.keys(state).length > 0 || searchState === 'ready';
      if (count) {
        var text = filtered
          ? 'Showing ' + shown.toLocaleString('en-US') + ' of ' + plural(pageRows.length, 'agreement', 'agreements')
          : 'Showing all ' + plural(pageRows.length, 'agreement', 'agreements');
        count.textContent = text + searchNote() + '.';
      }
    }

    /** Paginated listing: the page's own rows when nothing restricts it, else the matching agreements from the index. */
    function applyToListing(state) {
      var ticket = ++latest;
      var names = Object.keys(state);
      if (names.length === 0 && query === '') {
        showRows(pageRows, pagers, null);
        if (count) count.textContent = pageCountText;
        return;
      }
      if (count) count.textContent = 'Looking the agreements up…';
      var index = null;
      loadIndex().then(function (loaded) {
        index = loaded;
        if (!index) return null;
        var sets = names.map(function (name) {
          return lookup(index, '#' + name + ':' + state[name]).then(function (p) { return p ? p.ordinals : []; });
        });
        if (scopeYear) sets.push(lookup(index, '#year:' + scopeYear).then(function (p) { return p ? p.ordinals : []; }));
        if (query !== '') {
          sets.push(search(index, query).then(function (hits) { return hits.slice().sort(function (a, b) { return a - b; }); }));
        }
        return Promise.all(sets);
      }).catch(function () {
        return null;
      }).then(function (sets) {
        if (ticket !== latest) return;
        if (!sets) {
          // The index is unavailable: the page's own rows, filtered as on a one-page listing.
          if (query !== '') searchState = 'unavailable';
          var shown = 0;
          pageRows.forEach(function (row) {
            var visible = matches(row, state);
            row.hidden = !visible;
            if (visible) shown++;
          });
          showRows(pageRows, pagers, null);
          if (count) count.textContent = 'Showing ' + shown.toLocaleString('en-US') + ' of the ' + plural(pageRows.length, 'agreement', 'agreements') + ' of this page' + searchNote() + '.';
          return;
        }
        if (query !== '') searchState = 'ready';
        var ordinals = sets.reduce(function (all, set) { return all === null ? set : intersect(all, set); }, null);
        showMatches(index, ordinals, 0, ticket);
      });
    }

    function showRows(rows, visiblePagers, more) {
      while (body.firstChild) body.removeChild(body.firstChild);
      rows.forEach(function (row) { body.appendChild(row); });
      pagers.forEach(function (nav) { nav.hidden = visiblePagers.indexOf(nav) < 0; });
      if (moreButton) moreButton.parentNode.removeChild(moreButton);
      moreButton = more;
      if (more) table.parentNode.parentNode.insertBefore(more, table.parentNode.nextSibling);
    }

    /** Lists the matching agreements in id order, ROWS_SHOWN at a time, with a button for the next ones. */
    function showMatches(index, ordinals, shownBefore, ticket) {
      var upTo = Math.min(ordinals.length, shownBefore + ROWS_SHOWN);
      records(index, ordinals.slice(0, upTo)).then(function (docs) {
        if (ticket !== latest) return;
        pageRows.forEach(function (row) { row.hidden = false; });
        var more = null;
        if (upTo < ordinals.length) {
          more = el('button', 'filters__more', 'Show ' + Math.min(ROWS_SHOWN, ordinals.length - upTo).toLocaleString('en-US') + ' more');
          more.type = 'button';
          more.addEventListener('click', function () {
            var at = docs.length;
            showMatches(index, ordinals, upTo, ticket);
            window.setTimeout(function () {
              var next = body.rows[at] && body.rows[at].querySelector('a');
              if (next) next.focus();
            }, 0);
          });
        }
        showRows(docs.map(rowOf), [], more);
        if (count) {
          count.textContent = (ordinals.length === 0 ? 'No agreement' : 'Showing ' + (upTo === ordinals.length
            ? (ordinals.length === 1 ? 'the one agreement' : 'all ' + plural(ordinals.length, 'agreement', 'agreements'))
            : '1–' + upTo.toLocaleString('en-US') + ' of ' + plural(ordinals.length, 'agreement', 'agreements'))) +
            (scopeYear ? ' of ' + scopeYear : '') +
            (Object.keys(current()).length > 0 ? ' matching the filters' + (query !== '' ? ' and “' + query + '”' : '') : ' matching “' + query + '”') + '.';
        }
      }).catch(function () {
        if (ticket !== latest) return;
        if (count) count.textContent = 'The matching agreements could not be loaded; the filters are not applied.';
      });
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

    if (query !== '' && !paginated) {
      var index = null;
      loadIndex().then(function (loaded) {
        index = loaded;
        return index ? search(index, query).then(function (hits) { return records(index, hits); }) : null;
      }).catch(function () {
        return null;
      }).then(function (docs) {
        if (!docs) {
          // Search unavailable: show the table unrestricted rather than empty.
          searchState = 'unavailable';
        } else {
          hitIds = {};
          docs.forEach(function (doc) { hitIds[doc.id] = true; });
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
