// The genogram drawing: the server's SVG placed inline, fitted to its frame when it opens, with
// zoom (buttons, Ctrl + wheel, + and -, two fingers), panning (drag with one finger or the mouse,
// arrow keys) and every person symbol a button that opens that person. The legend the server
// draws beside the drawing is lifted out into a panel next to the frame, so it stays readable at
// any zoom.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';

const MIN = 0.2;
const MAX = 4;
const STEP = 1.25;
const PAN = 40;
/** Fitting never blows a small drawing up beyond this. */
const FIT_MAX = 1.5;

interface View {
  scale: number;
  x: number;
  y: number;
  /** True while the view is the fitted one: a redraw or a resized frame fits again. */
  fitted: boolean;
}

interface LegendItem {
  label: string;
  glyph: Element[];
}

interface Parsed {
  el: SVGSVGElement;
  width: number;
  height: number;
  legend: LegendItem[];
}

/**
 * Parses the server's SVG and drops anything that could run code (it comes from our own server
 * and is XML-escaped; this is a second line). Null when the text is not an SVG document.
 */
function parseSvg(text: string): Parsed | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  root.querySelectorAll('script, foreignObject, iframe, a').forEach((n) => n.remove());
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /href$/i.test(attr.name)) el.removeAttribute(attr.name);
    }
  }
  const el = document.importNode(root, true) as unknown as SVGSVGElement;
  const box = (el.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
  const width = Number(el.getAttribute('data-drawing-width')) || box[2] || 800;
  const height = Number(el.getAttribute('data-drawing-height')) || box[3] || 600;
  // The legend: one entry per translated group, a glyph and a text.
  const legend: LegendItem[] = [];
  const group = el.querySelector('g.legend');
  if (group) {
    for (const entry of Array.from(group.children).filter((c) => c.tagName === 'g')) {
      const label = entry.querySelector('text')?.textContent ?? '';
      const glyph = Array.from(entry.children).filter((c) => c.tagName !== 'text');
      if (label) legend.push({ label, glyph });
    }
    group.remove();
  }
  el.setAttribute('viewBox', `0 0 ${width} ${height}`);
  el.setAttribute('width', String(width));
  el.setAttribute('height', String(height));
  return { el, width, height, legend };
}

function Glyph({ nodes }: { nodes: Element[] }) {
  const ref = useRef<SVGSVGElement>(null);
  useLayoutEffect(() => {
    ref.current?.replaceChildren(...nodes.map((n) => n.cloneNode(true)));
  }, [nodes]);
  return <svg ref={ref} className="k-geno-legend__glyph" viewBox="0 0 40 20" width="40" height="20" aria-hidden="true" focusable="false" />;
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }) {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function Drawing({
  svg,
  selectedId,
  onOpen,
  hidden,
  label,
}: {
  svg: string;
  selectedId: string | null;
  onOpen: (personId: string) => void;
  hidden?: boolean;
  label: string;
}) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const size = useRef({ width: 0, height: 0 });
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0, fitted: true });
  const [broken, setBroken] = useState(false);
  const [legend, setLegend] = useState<LegendItem[]>([]);
  // Pointers that are down on the canvas (mouse, pen, fingers) and what the gesture started from.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<{ view: View; points: { x: number; y: number }[]; moved: boolean } | null>(null);
  const dragged = useRef(false);

  /** The view that shows the whole drawing, centred in the frame. */
  const fitView = useCallback((): View => {
    const canvas = canvasRef.current;
    const { width, height } = size.current;
    if (!canvas || !width || !height) return { scale: 1, x: 0, y: 0, fitted: true };
    const cw = canvas.clientWidth;
    const ch = canvas.clientHeight;
    const scale = Math.max(MIN, Math.min(FIT_MAX, cw / width, ch / height));
    return { scale, x: Math.round((cw - width * scale) / 2), y: Math.round((ch - height * scale) / 2), fitted: true };
  }, []);

  const fit = useCallback(() => setView(fitView()), [fitView]);

  // Insert the drawing; keep keyboard focus on the same person across a redraw.
  useLayoutEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const focusedId = (document.activeElement as Element | null)?.closest?.('g.person')?.getAttribute('data-person-id') ?? null;
    const parsed = parseSvg(svg);
    setBroken(!parsed);
    if (!parsed) {
      stage.replaceChildren();
      setLegend([]);
      return;
    }
    const { el } = parsed;
    // Persons are buttons inside: an "img" would hide them from assistive technology.
    el.setAttribute('role', 'group');
    el.setAttribute('focusable', 'false');
    el.classList.add('k-geno-svg');
    for (const g of Array.from(el.querySelectorAll<SVGGElement>('g.person[data-person-id]'))) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      const name = g.querySelector('title')?.textContent ?? '';
      g.setAttribute('aria-label', t('genogram.drawing.open', { name }));
    }
    stage.replaceChildren(el);
    size.current = { width: parsed.width, height: parsed.height };
    setLegend(parsed.legend);
    setView((v) => (v.fitted ? fitView() : v));
    if (focusedId && stage.contains(document.activeElement) === false) {
      el.querySelector<SVGGElement>(`g.person[data-person-id="${CSS.escape(focusedId)}"]`)?.focus();
    }
  }, [svg, t, fitView]);

  // A frame that changes size (a panel opens, the tablet turns) fits again if the view was fitted.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setView((v) => (v.fitted ? fitView() : v)));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [fitView]);

  // Shown again after the list view: fit to the frame as it is now.
  useEffect(() => {
    if (!hidden) setView((v) => (v.fitted ? fitView() : v));
  }, [hidden, fitView]);

  // Mark the open person.
  useLayoutEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    for (const g of Array.from(stage.querySelectorAll('g.person[data-person-id]'))) {
      const on = g.getAttribute('data-person-id') === selectedId;
      g.classList.toggle('is-selected', on);
      if (on) g.setAttribute('aria-current', 'true');
      else g.removeAttribute('aria-current');
    }
  }, [svg, selectedId]);

  /** Zooms by `factor` around a point of the frame (default: its centre). */
  const zoom = useCallback((factor: number, cx?: number, cy?: number) => {
    setView((v) => {
      const scale = Math.min(MAX, Math.max(MIN, v.scale * factor));
      const f = scale / v.scale;
      const canvas = canvasRef.current;
      const px = cx ?? (canvas ? canvas.clientWidth / 2 : 0);
      const py = cy ?? (canvas ? canvas.clientHeight / 2 : 0);
      return { scale, x: px - (px - v.x) * f, y: py - (py - v.y) * f, fitted: false };
    });
  }, []);

  // Ctrl + wheel (and a trackpad pinch) zooms; a plain wheel keeps scrolling the page.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      zoom(e.deltaY < 0 ? STEP : 1 / STEP, e.clientX - r.left, e.clientY - r.top);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [zoom]);

  function personOf(target: EventTarget | null): string | null {
    return (target as Element | null)?.closest?.('g.person[data-person-id]')?.getAttribute('data-person-id') ?? null;
  }

  /** Starts a gesture from the pointers that are down now: one drags, two pinch. */
  function startGesture(current: View) {
    gesture.current = { view: current, points: Array.from(pointers.current.values()).slice(0, 2), moved: gesture.current?.moved ?? false };
  }

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (pointers.current.size === 0) dragged.current = false;
    const r = canvasRef.current!.getBoundingClientRect();
    pointers.current.set(e.pointerId, { x: e.clientX - r.left, y: e.clientY - r.top });
    if (pointers.current.size === 1) gesture.current = null;
    startGesture(view);
    // A second finger: capture both, so the pinch keeps working outside the symbols.
    if (pointers.current.size > 1) {
      gesture.current!.moved = true;
      for (const id of pointers.current.keys()) if (!canvasRef.current!.hasPointerCapture(id)) canvasRef.current!.setPointerCapture(id);
    }
  }

  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const g = gesture.current;
    if (!g || !pointers.current.has(e.pointerId)) return;
    const r = canvasRef.current!.getBoundingClientRect();
    pointers.current.set(e.pointerId, { x: e.clientX - r.left, y: e.clientY - r.top });
    const now = Array.from(pointers.current.values()).slice(0, 2);
    if (now.length >= 2 && g.points.length >= 2) {
      // Pinch: scale by the change in finger distance around the midpoint, which also pans.
      const before = distance(g.points[0], g.points[1]);
      const after = distance(now[0], now[1]);
      const scale = Math.min(MAX, Math.max(MIN, g.view.scale * (before > 0 ? after / before : 1)));
      const f = scale / g.view.scale;
      const m0 = { x: (g.points[0].x + g.points[1].x) / 2, y: (g.points[0].y + g.points[1].y) / 2 };
      const m1 = { x: (now[0].x + now[1].x) / 2, y: (now[0].y + now[1].y) / 2 };
      setView({ scale, x: m1.x - (m0.x - g.view.x) * f, y: m1.y - (m0.y - g.view.y) * f, fitted: false });
      g.moved = true;
      return;
    }
    const dx = now[0].x - g.points[0].x;
    const dy = now[0].y - g.points[0].y;
    if (!g.moved && Math.hypot(dx, dy) < 4) return;
    if (!g.moved) {
      g.moved = true;
      canvasRef.current?.setPointerCapture(e.pointerId);
    }
    setView({ ...g.view, x: g.view.x + dx, y: g.view.y + dy, fitted: false });
  }

  function onPointerUp(e: PointerEvent<HTMLDivElement>) {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.delete(e.pointerId);
    if (canvasRef.current?.hasPointerCapture(e.pointerId)) canvasRef.current.releasePointerCapture(e.pointerId);
    const moved = gesture.current?.moved ?? false;
    dragged.current = dragged.current || moved;
    if (pointers.current.size === 0) {
      gesture.current = null;
      return;
    }
    // One finger left after a pinch: it drags on from where the view is now.
    setView((v) => {
      startGesture(v);
      return v;
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const id = personOf(e.target);
    if (id && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onOpen(id);
      return;
    }
    if (e.target !== canvasRef.current) return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [PAN, 0], ArrowRight: [-PAN, 0], ArrowUp: [0, PAN], ArrowDown: [0, -PAN] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy, fitted: false }));
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      zoom(STEP);
    } else if (e.key === '-') {
      e.preventDefault();
      zoom(1 / STEP);
    } else if (e.key === '0') {
      e.preventDefault();
      fit();
    }
  }

  return (
    <div className="k-geno-drawing" hidden={hidden}>
      <div className="k-geno-zoom" role="group" aria-label={t('genogram.zoom.label')}>
        <Button type="button" appearance="subtle-button" onClick={() => zoom(STEP)} disabled={view.scale >= MAX} aria-label={t('genogram.zoomIn')}>
          <span aria-hidden="true">+</span>
        </Button>
        <Button type="button" appearance="subtle-button" onClick={() => zoom(1 / STEP)} disabled={view.scale <= MIN} aria-label={t('genogram.zoomOut')}>
          <span aria-hidden="true">−</span>
        </Button>
        <Button type="button" appearance="subtle-button" onClick={fit} aria-pressed={view.fitted}>
          {t('genogram.zoomReset')}
        </Button>
        <span className="k-muted" aria-live="polite">
          {t('genogram.zoomLevel', { percent: Math.round(view.scale * 100) })}
        </span>
      </div>
      <div className="k-geno-body">
        <div className="k-geno-frame">
          <div
            ref={canvasRef}
            className="k-geno-canvas"
            tabIndex={0}
            role="region"
            aria-label={label}
            aria-describedby="genogram-drawing-hint"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onKeyDown}
            onClick={(e) => {
              if (dragged.current) {
                dragged.current = false;
                return;
              }
              const id = personOf(e.target);
              if (id) onOpen(id);
            }}
          >
            <div
              ref={stageRef}
              className="k-geno-stage"
              data-fitted={view.fitted ? 'true' : 'false'}
              style={{ transform: `translate(${Math.round(view.x)}px, ${Math.round(view.y)}px) scale(${Math.round(view.scale * 1000) / 1000})` }}
            />
          </div>
          <Paragraph className="k-muted k-geno-hint" id="genogram-drawing-hint">
            {t('genogram.drawing.hint')}
          </Paragraph>
        </div>
        {legend.length > 0 && (
          <aside className="k-geno-legend" aria-labelledby="genogram-legend-title">
            <h3 id="genogram-legend-title" className="k-geno-legend__title">
              {t('genogram.legend')}
            </h3>
            <ul className="k-geno-legend__list">
              {legend.map((item, k) => (
                <li key={k}>
                  {item.glyph.length > 0 ? <Glyph nodes={item.glyph} /> : <span className="k-geno-legend__glyph" aria-hidden="true" />}
                  <span>{item.label}</span>
                </li>
              ))}
            </ul>
          </aside>
        )}
      </div>
      {broken && <Paragraph role="alert">{t('genogram.drawing.broken')}</Paragraph>}
    </div>
  );
}
