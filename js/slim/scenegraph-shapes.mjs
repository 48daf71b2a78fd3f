// Stands in for vega-scenegraph/src/path/shapes.js, whose module sets up a d3-shape generator for every mark
// type when it loads (so all of d3-shape's generators and curves would ship: d3-shape builds its curves when
// it loads too, so none of them could be left out). Only the shapes of the marks kept in scenegraph-marks.mjs
// are made here, as Vega makes them. The symbol generator is d3-shape 3.2's symbol(), which only hands Vega's
// own symbol types (path/symbols.js) a path to draw on: paths rounded to 3 decimals, as d3-shape does.
import symbols from 'vega-scenegraph/src/path/symbols.js';
import vg_rect from 'vega-scenegraph/src/path/rectangle.js';
import {pathRound} from 'd3-path';

const value = (a, b) => a != null ? a : b;

function d3_symbol() {
  let context = null, type = null, size = null;
  function symbol(...args) {
    let buffer;
    if (!context) context = buffer = pathRound(3);
    type.apply(this, args).draw(context, +size.apply(this, args));
    if (buffer) return context = null, buffer + '' || null;
  }
  symbol.type = (_) => (type = _, symbol);
  symbol.size = (_) => (size = _, symbol);
  symbol.context = (_) => (context = _ == null ? null : _, symbol);
  return symbol;
}

const rectShape = vg_rect()
  .x((item) => item.x || 0).y((item) => item.y || 0)
  .width((item) => item.width || 0).height((item) => item.height || 0)
  .cornerRadius(
    (item) => value(item.cornerRadiusTopLeft, item.cornerRadius) || 0,
    (item) => value(item.cornerRadiusTopRight, item.cornerRadius) || 0,
    (item) => value(item.cornerRadiusBottomRight, item.cornerRadius) || 0,
    (item) => value(item.cornerRadiusBottomLeft, item.cornerRadius) || 0);
const symbolShape = d3_symbol().type((item) => symbols(item.shape || 'circle')).size((item) => value(item.size, 64));

export function hasCornerRadius(item) {
  return item.cornerRadius || item.cornerRadiusTopLeft || item.cornerRadiusTopRight
    || item.cornerRadiusBottomRight || item.cornerRadiusBottomLeft;
}

export function rectangle(context, item, x, y) {
  return rectShape.context(context)(item, x, y);
}

export function shape(context, item) {
  return (item.mark.shape || item.shape).context(context)(item);
}

export function symbol(context, item) {
  return symbolShape.context(context)(item);
}
