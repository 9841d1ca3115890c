// The genogram drawing: the server's SVG placed inline, with zoom (buttons, Ctrl + wheel, + and -),
// panning (drag, arrow keys) and every person symbol a button that opens that person.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';

const MIN = 0.5;
const MAX = 4;
const STEP = 1.25;
const PAN = 40;

interface View {
  scale: number;
  x: number;
  y: number;
}
const FIT: View = { scale: 1, x: 0, y: 0 };

/**
 * Parses the server's SVG and drops anything that could run code (it comes from our own server
 * and is XML-escaped; this is a second line). Null when the text is not an SVG document.
 */
function parseSvg(text: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  root.querySelectorAll('script, foreignObject, iframe, a').forEach((n) => n.remove());
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /href$/i.test(attr.name)) el.removeAttribute(attr.name);
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
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
  const [view, setView] = useState<View>(FIT);
  const [broken, setBroken] = useState(false);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean; id: number } | null>(null);
  const dragged = useRef(false);

  // Insert the drawing; keep keyboard focus on the same person across a redraw.
  useLayoutEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const focusedId = (document.activeElement as Element | null)?.closest?.('g.person')?.getAttribute('data-person-id') ?? null;
    const el = parseSvg(svg);
    setBroken(!el);
    if (!el) {
      stage.replaceChildren();
      return;
    }
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
    if (focusedId && stage.contains(document.activeElement) === false) {
      el.querySelector<SVGGElement>(`g.person[data-person-id="${CSS.escape(focusedId)}"]`)?.focus();
    }
  }, [svg, t]);

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

  const zoom = useCallback((factor: number, cx?: number, cy?: number) => {
    setView((v) => {
      const scale = Math.min(MAX, Math.max(MIN, v.scale * factor));
      const f = scale / v.scale;
      // Zoom around the given point (the mouse), else around the top-left corner of the view.
      const px = cx ?? 0;
      const py = cy ?? 0;
      return { scale, x: px - (px - v.x) * f, y: py - (py - v.y) * f };
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

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false, id: e.pointerId };
    dragged.current = false;
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      canvasRef.current?.setPointerCapture(e.pointerId);
    }
    setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
  }
  function onPointerUp(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    dragged.current = d.moved;
    drag.current = null;
    if (canvasRef.current?.hasPointerCapture(e.pointerId)) canvasRef.current.releasePointerCapture(e.pointerId);
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
      setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      zoom(STEP);
    } else if (e.key === '-') {
      e.preventDefault();
      zoom(1 / STEP);
    } else if (e.key === '0') {
      e.preventDefault();
      setView(FIT);
    }
  }

  return (
    <div className="k-geno-drawing" hidden={hidden}>
      <div className="k-geno-zoom">
        <ButtonGroup>
          <Button type="button" appearance="secondary-action-button" onClick={() => zoom(STEP)} disabled={view.scale >= MAX}>
            <span aria-hidden="true">+ </span>
            {t('genogram.zoomIn')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => zoom(1 / STEP)} disabled={view.scale <= MIN}>
            <span aria-hidden="true">− </span>
            {t('genogram.zoomOut')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => setView(FIT)}>
            {t('genogram.zoomReset')}
          </Button>
        </ButtonGroup>
        <span className="k-muted" aria-live="polite">
          {t('genogram.zoomLevel', { percent: Math.round(view.scale * 100) })}
        </span>
      </div>
      <Paragraph className="k-muted k-geno-hint" id="genogram-drawing-hint">
        {t('genogram.drawing.hint')}
      </Paragraph>
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
        <div ref={stageRef} className="k-geno-stage" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }} />
      </div>
      {broken && <Paragraph role="alert">{t('genogram.drawing.broken')}</Paragraph>}
    </div>
  );
}
