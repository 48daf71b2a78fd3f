// Entry point of the chart runtime the site ships (assets/vendor/vega-runtime.js); `make vendor` bundles it.
//
// Specs are compiled from Vega-Lite to Vega at build time, so the browser needs Vega's parser and view and the
// transforms our compiled specs use, not Vega-Lite or vega-embed. The transforms are named one by one: the
// bundle is built from the Vega packages' ES module sources (js/slim.mjs), so a transform not named
// here is not in the file. A spec that needs one that is missing fails the site build (renderer.check_transforms
// reads the list from VENDOR.json), never the reader's browser.
// Expressions run through vega-interpreter, so no page needs 'unsafe-eval'.
import {extend} from 'vega-util';
import {transforms} from 'vega-dataflow';
// What Vega's parser itself adds to every dataflow (vega-parser/src/transforms.js).
import {aggregate, collect, compare, expression, extent, facet, field, key, load, multiextent, multivalues, params,
  prefacet, proxy, relay, sieve, values} from 'vega-transforms';
import {bound, identifier, mark, overlap, render, viewlayout} from 'vega-view-transforms';
import {axisticks, datajoin, encode, legendentries, scale, sortitems} from 'vega-encode';
import {projection} from 'vega-geo';
// What the compiled specs of our charts use (Vega-Lite's bin, filter, fold, formula, stack; the map's geo ones).
import {bin, filter, fold, formula} from 'vega-transforms';
import {stack} from 'vega-encode';
import {geojson, geopoint, geoshape} from 'vega-geo';

extend(transforms, {aggregate, collect, compare, expression, extent, facet, field, key, load, multiextent,
  multivalues, params, prefacet, proxy, relay, sieve, values, bound, identifier, mark, overlap, render, viewlayout,
  axisticks, datajoin, encode, legendentries, scale, sortitems, projection, bin, filter, fold, formula, stack,
  geojson, geopoint, geoshape});

export {transforms};
export {View} from 'vega-view';
export {parse} from 'vega-parser';
export {expressionInterpreter} from 'vega-interpreter';
