// Stands in for vega-scenegraph/src/CanvasHandler.js. vega-view gives every View a Canvas handler until the
// View gets a container, and keeps the event listeners registered on it for the handler of its renderer. The
// SVG handler records listeners in the same way, so it stands in and the Canvas picking code stays out.
export {default} from 'vega-scenegraph/src/SVGHandler.js';
