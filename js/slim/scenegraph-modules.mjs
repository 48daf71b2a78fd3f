// Stands in for vega-scenegraph/src/modules.js, the table of renderers a View can use.
//
// The charts are drawn as SVG only (assets/charts.js), so the Canvas and hybrid renderers and handlers are left
// out (vega-view also uses the Canvas handler as a View's handler until it is given a container: the SVG
// handler does the same job there; see scenegraph-canvas-handler.mjs). view.toSVG() keeps Vega's SVG string
// renderer. view.toImageURL('png') and view.toCanvas() ("Download this view" as PNG) get a headless renderer
// that draws that same SVG string onto a canvas, instead of Vega's Canvas renderer.
import SVGHandler from 'vega-scenegraph/src/SVGHandler.js';
import SVGRenderer from 'vega-scenegraph/src/SVGRenderer.js';
import SVGStringRenderer from 'vega-scenegraph/src/SVGStringRenderer.js';

export const RenderType = {Canvas: 'canvas', PNG: 'png', SVG: 'svg', Hybrid: 'hybrid', None: 'none'};

class SVGImageRenderer extends SVGStringRenderer {
  canvas() {
    return this._canvas;
  }

  // The SVG (drawn at the scale asked for) as an image, then onto a canvas of the same size. The image is a
  // data: URL, which the pages' Content-Security-Policy allows for images (img-src 'self' data:).
  async renderAsync(scene, markTypes) {
    await super.renderAsync(scene, markTypes);
    const image = new Image();
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(this.svg());
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(this._width * this._scale);
    canvas.height = Math.round(this._height * this._scale);
    canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
    this._canvas = canvas;
    return this;
  }
}

const modules = {
  canvas: {headless: SVGImageRenderer},
  png: {headless: SVGImageRenderer},
  svg: {renderer: SVGRenderer, headless: SVGStringRenderer, handler: SVGHandler},
  none: {},
};

export function renderModule(name, _) {
  name = String(name || '').toLowerCase();
  if (arguments.length > 1) {
    modules[name] = _;
    return this;
  }
  return modules[name];
}
