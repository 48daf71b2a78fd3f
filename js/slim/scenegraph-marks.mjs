// Stands in for vega-scenegraph/src/marks/index.js, the table of mark types. Only the marks our compiled specs
// draw are kept (Vega-Lite's bars, rules, points, text and geoshapes, inside groups; axes and legends are made
// of the same marks). Arc, area, image, line, path and trail are left out, and with them the d3-shape
// generators and curves they draw with. VENDOR.json lists the marks kept; the site build refuses a spec that
// uses another.
import group from 'vega-scenegraph/src/marks/group.js';
import rect from 'vega-scenegraph/src/marks/rect.js';
import rule from 'vega-scenegraph/src/marks/rule.js';
import shape from 'vega-scenegraph/src/marks/shape.js';
import symbol from 'vega-scenegraph/src/marks/symbol.js';
import text from 'vega-scenegraph/src/marks/text.js';

export default {group, rect, rule, shape, symbol, text};
