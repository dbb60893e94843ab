#!/usr/bin/env python3
"""Generate synthetic scans of hand-marked paper ballots (PHIẾU BẦU CỬ).

Independent test-data generator: it reads a printed ballot PDF (one ballot a
page), draws voter marks, a round seal and scanner artefacts on the rendered
pages, and writes the scans plus an answer key (answers.json).

Only numpy, Pillow and poppler-utils (pdftoppm, pdftotext) are used.
See README.md for usage and the answer-key format.
"""
import os
import sys


def _ensure_deps():
    try:
        import numpy  # noqa: F401
        import PIL  # noqa: F401
    except ImportError:
        # a pyenv/virtualenv python without the Debian packages: retry with
        # the system interpreter, which has python3-numpy and python3-pil.
        alt = '/usr/bin/python3'
        if (os.path.exists(alt) and not os.environ.get('SHEETGEN_REEXEC')
                and os.path.realpath(sys.executable) != os.path.realpath(alt)):
            os.environ['SHEETGEN_REEXEC'] = '1'
            os.execv(alt, [alt] + sys.argv)
        raise


_ensure_deps()

import argparse  # noqa: E402
import glob  # noqa: E402
import html  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import unicodedata  # noqa: E402

import numpy as np  # noqa: E402
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont  # noqa: E402

MM = 72.0 / 25.4          # points per millimetre

# Noto Sans metrics (fallback when the raster measurement fails)
ASC, DESC, XH = 1.069, 0.293, 0.536

STRUCK_KINDS = ['strike_mid', 'strike_high', 'strike_low', 'wavy', 'zigzag',
                'scribble', 'double', 'diagonal_up', 'diagonal_down',
                'two_strokes']
KEPT_KINDS = ['underline', 'underline_wavy', 'family_only', 'partial',
              'tick', 'dot']


# --------------------------------------------------------------------------
# PDF layout
# --------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r'<page width="([^"]+)" height="([^"]+)"'
    r'|(<line )'
    r'|<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">'
    r'([^<]*)</word>')


def fold(s):
    """lower-case ASCII folding of Vietnamese text (for label matching)."""
    s = s.replace('đ', 'd').replace('Đ', 'D')
    s = unicodedata.normalize('NFD', s)
    s = ''.join(ch for ch in s if not unicodedata.combining(ch))
    return s.lower()


def parse_layout(pdf):
    out = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         check=True).stdout.decode('utf-8', 'replace')
    pages = []
    line = -1
    for m in _TOKEN_RE.finditer(out):
        if m.group(1) is not None:
            pages.append({'w': float(m.group(1)), 'h': float(m.group(2)),
                          'words': []})
        elif m.group(3) is not None:
            line += 1
        elif pages:
            pages[-1]['words'].append({
                'x0': float(m.group(4)), 'y0': float(m.group(5)),
                'x1': float(m.group(6)), 'y1': float(m.group(7)),
                'text': html.unescape(m.group(8)), 'line': line})
    return pages


_NUM_RE = re.compile(r'^(\d{1,3})\.$')


def find_candidates(page):
    words = page['words']
    by_line = {}
    for i, w in enumerate(words):
        by_line.setdefault(w['line'], []).append(i)
    nums = []
    for i, w in enumerate(words):
        if not _NUM_RE.match(w['text']):
            continue
        li = by_line[w['line']]
        pos = li.index(i)
        h = w['y1'] - w['y0']
        if pos > 0:
            prev = words[li[pos - 1]]
            if w['x0'] - prev['x1'] < 1.5 * h:
                continue
        nums.append(i)
    numset = set(nums)
    cands = []
    for i in nums:
        w = words[i]
        h = w['y1'] - w['y0']
        cy = (w['y0'] + w['y1']) / 2
        right = page['w']
        for j in nums:
            v = words[j]
            if j != i and abs((v['y0'] + v['y1']) / 2 - cy) < 0.5 * h \
                    and v['x0'] > w['x1']:
                right = min(right, v['x0'])
        row = [v for j, v in enumerate(words)
               if j not in numset and abs((v['y0'] + v['y1']) / 2 - cy) < 0.4 * h
               and v['x0'] >= w['x1'] - 0.5 and v['x1'] <= right + 0.5]
        row.sort(key=lambda v: v['x0'])
        name = []
        lastx = w['x1']
        for v in row:
            if v['x0'] - lastx > 3 * h:
                break
            name.append(dict(v))
            lastx = v['x1']
        if not name or not any(ch.isalpha() for v in name for ch in v['text']):
            continue
        cands.append({
            'number': int(_NUM_RE.match(w['text']).group(1)),
            'num': dict(w), 'words': name,
            'ly0': min([w['y0']] + [v['y0'] for v in name]),
            'ly1': max([w['y1']] + [v['y1'] for v in name]),
            'right_limit': right,
            'name': ' '.join(v['text'] for v in name)})
    cands.sort(key=lambda c: (c['num']['x0'] > page['w'] * 0.45, c['ly0'], c['num']['x0']))
    return cands


def find_label(page):
    words = page['words']
    by_line = {}
    for w in words:
        by_line.setdefault(w['line'], []).append(w)
    target = ['dau', 'cua', 'dai', 'hoi']
    for ws in by_line.values():
        f = [fold(w['text']).strip('.:') for w in ws]
        for s in range(len(ws) - 3):
            if f[s:s + 4] == target:
                sel = ws[s:s + 4]
                return (min(w['x0'] for w in sel), min(w['y0'] for w in sel),
                        max(w['x1'] for w in sel), max(w['y1'] for w in sel))
    return None


def find_serial(page):
    words = page['words']
    for i, w in enumerate(words[:-2]):
        if fold(w['text']) == 'so' and fold(words[i + 1]['text']).startswith('phieu'):
            return words[i + 2]['text']
    return None


def pdf_page_count(pdf, layout):
    try:
        out = subprocess.run(['pdfinfo', pdf], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode('utf-8', 'replace')
        m = re.search(r'^Pages:\s+(\d+)', out, re.M)
        if m:
            return int(m.group(1))
    except OSError:
        pass
    return len(layout)


def render_pages(pdf, pages, dpi, tmpdir):
    pages = sorted(set(pages))
    runs = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    res = {}
    for a, b in runs:
        prefix = os.path.join(tmpdir, 'run%dx' % a)
        subprocess.run(['pdftoppm', '-r', str(dpi), '-gray', '-f', str(a),
                        '-l', str(b), pdf, prefix], check=True)
        for fn in glob.glob(prefix + '-*.pgm'):
            n = int(fn[len(prefix) + 1:-4])
            with Image.open(fn) as im:
                res[n] = np.array(im.convert('L'))
            os.remove(fn)
    return res


# --------------------------------------------------------------------------
# measurement on the raster
# --------------------------------------------------------------------------

def measure_candidate(img, c, k):
    H, W = img.shape
    y0, y1 = c['ly0'], c['ly1']
    em = (c['words'][0]['y1'] - c['words'][0]['y0']) / (ASC + DESC)
    base_m = c['words'][0]['y0'] + ASC * em
    xtop_m = base_m - XH * em
    r0, r1 = max(0, int(y0 * k)), min(H, int(math.ceil(y1 * k)))
    c0 = max(0, int(c['words'][0]['x0'] * k))
    c1 = min(W, int(math.ceil(c['words'][-1]['x1'] * k)))
    ink = img[r0:r1, c0:c1] < 128
    rows = ink.sum(1).astype(float)
    base, xtop = base_m, xtop_m
    if rows.size and rows.max() > 0:
        thr = 0.45 * rows.max()
        am = int(rows.argmax())
        a = am
        while a > 0 and rows[a - 1] >= thr:
            a -= 1
        b = am
        while b < len(rows) - 1 and rows[b + 1] >= thr:
            b += 1
        mb = r0 / k + (b + 1) / k
        mt = r0 / k + a / k
        if 0.3 * em < mb - mt < 0.8 * em and abs(mb - base_m) < 0.25 * em:
            base, xtop = mb, mt
    c['em'] = em
    c['base'] = base
    c['xtop'] = xtop
    c['xh'] = base - xtop
    for w in c['words'] + [c['num']]:
        a0 = max(0, int(w['x0'] * k))
        a1 = min(W, int(math.ceil(w['x1'] * k)))
        cols = np.nonzero(img[r0:r1, a0:a1].min(0) < 128)[0] if a1 > a0 else []
        if len(cols):
            w['ix0'] = (a0 + cols[0]) / k
            w['ix1'] = (a0 + cols[-1] + 1) / k
        else:
            w['ix0'], w['ix1'] = w['x0'], w['x1']
    rb = int(math.ceil(base * k)) + 1
    below = img[rb:r1, c0:c1] < 128 if rb < r1 else np.zeros((0, 0), bool)
    c['below_ink'] = int(below.sum())
    c['X0'] = c['words'][0]['ix0']
    c['X1'] = c['words'][-1]['ix1']


def find_reg_marks(img, k):
    """Solid black squares near the four corners (tl, tr, bl, br), in points."""
    H, W = img.shape
    s = int(16 * MM * k)
    win = max(3, int(3.5 * MM * k))
    res = []
    for (ya, xa) in [(0, 0), (0, W - s), (H - s, 0), (H - s, W - s)]:
        reg = img[ya:ya + s, xa:xa + s] < 110
        h, w = reg.shape
        ii = np.zeros((h + 1, w + 1), np.int32)
        ii[1:, 1:] = np.cumsum(np.cumsum(reg, 0), 1)
        sums = ii[win:, win:] - ii[:-win, win:] - ii[win:, :-win] + ii[:-win, :-win]
        ok = np.argwhere(sums >= 0.98 * win * win)
        if len(ok) == 0:
            res.append(None)
            continue
        cy = 0 if ya == 0 else h
        cx = 0 if xa == 0 else w
        dd = (ok[:, 0] + win / 2 - cy) ** 2 + (ok[:, 1] + win / 2 - cx) ** 2
        y0, x0 = ok[int(dd.argmin())]
        y1, x1 = y0 + win, x0 + win
        for _ in range(4 * win):
            grown = False
            if y0 > 0 and reg[y0 - 1, x0:x1].mean() > 0.9:
                y0 -= 1
                grown = True
            if y1 < h and reg[y1, x0:x1].mean() > 0.9:
                y1 += 1
                grown = True
            if x0 > 0 and reg[y0:y1, x0 - 1].mean() > 0.9:
                x0 -= 1
                grown = True
            if x1 < w and reg[y0:y1, x1].mean() > 0.9:
                x1 += 1
                grown = True
            if not grown:
                break
        if 0.7 < (x1 - x0) / float(y1 - y0) < 1.4 and (x1 - x0) < 14 * MM * k:
            res.append(((xa + x0) / k, (ya + y0) / k, (xa + x1) / k, (ya + y1) / k))
        else:
            res.append(None)
    return res


def find_stamp_box(img, k, label, page):
    if label is None:
        w, h = 36 * MM, 24 * MM
        x1 = page['w'] - 20 * MM
        return (x1 - w, 20 * MM, x1, 20 * MM + h), False
    lx0, ly0, lx1, ly1 = label
    cx = int((lx0 + lx1) / 2 * k)
    half = int(8 * MM * k)
    dark = img < 150
    H, W = img.shape
    fallback = ((lx0 + lx1) / 2 - 18 * MM, ly0 - 1 * MM - 24 * MM,
                (lx0 + lx1) / 2 + 18 * MM, ly0 - 1 * MM)

    def rowhit(y):
        return dark[y, max(0, cx - half):min(W, cx + half)].mean() > 0.8

    y = int(ly0 * k) - 1
    ylim = max(1, int((ly0 - 60 * MM) * k))
    while y > ylim and not rowhit(y):
        y -= 1
    if y <= ylim:
        return fallback, False
    yb = y
    while y > ylim and rowhit(y):
        y -= 1
    y -= int(2 * MM * k)
    while y > ylim and not rowhit(y):
        y -= 1
    if y <= ylim:
        return fallback, False
    yt = y
    ym = (yt + yb) // 2
    row = dark[ym]
    xl = cx
    while xl > 0 and not row[xl]:
        xl -= 1
    xr = cx
    while xr < W - 1 and not row[xr]:
        xr += 1
    if xl <= 0 or xr >= W - 1 or (xr - xl) < 10 * MM * k:
        return fallback, False
    return (xl / k, yt / k, (xr + 1) / k, (yb + 1) / k), True


def analyse_page(pdf_page, img, k):
    cands = find_candidates(pdf_page)
    for c in cands:
        measure_candidate(img, c, k)
    # vertical room of each row: next row (same column) top
    for c in cands:
        below = [d['ly0'] for d in cands
                 if d is not c and d['ly0'] > c['ly0'] + 1
                 and d['num']['x0'] < c['X1'] and d['X1'] > c['num']['x0']]
        above = [d['ly1'] for d in cands
                 if d is not c and d['ly1'] < c['ly1'] - 1
                 and d['num']['x0'] < c['X1'] and d['X1'] > c['num']['x0']]
        c['room_bottom'] = min(below) if below else c['ly1'] + 4 * MM
        c['room_top'] = max(above) if above else c['ly0'] - 4 * MM
    label = find_label(pdf_page)
    box, box_found = find_stamp_box(img, k, label, pdf_page)
    return {'cands': cands, 'label': label, 'stamp_box': box,
            'stamp_box_found': box_found, 'reg': find_reg_marks(img, k),
            'serial': find_serial(pdf_page), 'w': pdf_page['w'], 'h': pdf_page['h']}


# --------------------------------------------------------------------------
# pens and strokes
# --------------------------------------------------------------------------

def U(rng, a, b):
    return float(rng.uniform(a, b))


def choose_pen(rng, deck):
    p = [0.50, 0.20, 0.20, 0.10] if deck == 'clean' else [0.38, 0.14, 0.20, 0.28]
    t = ['ballpoint', 'gel', 'felt', 'pencil'][int(rng.choice(4, p=p))]
    if t == 'pencil':
        color = 'grey'
        width = U(rng, 0.35, 0.7)
        gray = U(rng, 0.35, 0.50) if deck == 'clean' else U(rng, 0.42, 0.62)
        pvar, wvar = 0.45, 0.25
    else:
        color = 'blue' if rng.random() < 0.6 else 'black'
        if t == 'ballpoint':
            width = U(rng, 0.5, 0.8)
            gray = U(rng, 0.08, 0.22) if color == 'black' else U(rng, 0.25, 0.45)
            pvar, wvar = 0.25, 0.12
        elif t == 'gel':
            width = U(rng, 0.5, 0.9)
            gray = U(rng, 0.05, 0.15) if color == 'black' else U(rng, 0.22, 0.38)
            pvar, wvar = 0.15, 0.10
        else:
            width = U(rng, 1.0, 1.8)
            gray = U(rng, 0.06, 0.20) if color == 'black' else U(rng, 0.22, 0.40)
            pvar, wvar = 0.15, 0.15
    return {'type': t, 'color': color, 'width_mm': round(width, 2),
            'width': width * MM, 'gray': gray, 'pvar': pvar, 'wvar': wvar}


def pen_label(pen):
    if pen['type'] == 'pencil':
        return 'pencil'
    return '%s-%s' % (pen['type'], pen['color'])


def smooth_noise(rng, t, nterms=3, fmin=0.5, fmax=4.0):
    v = np.zeros_like(t)
    for _ in range(nterms):
        f = U(rng, fmin, fmax)
        v += np.sin(2 * np.pi * f * t + U(rng, 0, 2 * np.pi)) * U(rng, 0.3, 1.0)
    m = np.abs(v).max()
    return v / m if m > 0 else v


def densify(P, step):
    d = np.sqrt((np.diff(P, axis=0) ** 2).sum(1))
    s = np.concatenate([[0], np.cumsum(d)])
    L = s[-1]
    if L <= 0:
        return P.copy()
    n = max(2, int(math.ceil(L / step)) + 1)
    q = np.linspace(0, L, n)
    return np.stack([np.interp(q, s, P[:, 0]), np.interp(q, s, P[:, 1])], 1)


def hand_line(rng, p0, p1, sev=1.0, bow=None, pattern=None, wob=None):
    """A hand-drawn, roughly straight line from p0 to p1 (points)."""
    p0 = np.asarray(p0, float)
    p1 = np.asarray(p1, float)
    d = p1 - p0
    L = float(np.hypot(*d))
    if L < 1e-6:
        return np.array([p0, p1])
    u = d / L
    nrm = np.array([-u[1], u[0]])
    n = max(20, int(L / 0.08))
    t = np.linspace(0, 1, n)
    if bow is None:
        bow = U(rng, -1, 1) * 0.35 * MM * sev
    off = bow * 4 * t * (1 - t)
    if wob is None:
        wob = 0.08 * MM * sev
    off = off + wob * smooth_noise(rng, t, 2, 0.6, 2.5)
    if pattern is not None:
        off = off + pattern(t * L)
    return p0 + t[:, None] * d + off[:, None] * nrm


def make_stroke(rng, P, pen):
    P = densify(P, 0.2)
    n = len(P)
    t = np.linspace(0, 1, n)
    u = 0.5 + 0.5 * smooth_noise(rng, t, 3, 0.5, 5.0)
    p = 1.0 - pen['pvar'] * u
    # pen landing / lifting: lighter and thinner at the ends
    L = np.concatenate([[0], np.cumsum(np.sqrt((np.diff(P, axis=0) ** 2).sum(1)))])
    ramp = np.clip(np.minimum(L, L[-1] - L) / (1.2 * MM), 0, 1)
    p = p * (0.55 + 0.45 * ramp)
    w = pen['width'] * (1 + pen['wvar'] * (p - 0.8))
    if pen['type'] == 'ballpoint' and rng.random() < 0.3:
        # a few skips (ink not flowing)
        for _ in range(int(rng.integers(1, 4))):
            c = int(rng.integers(0, n))
            r = int(rng.integers(2, 10))
            p[max(0, c - r):c + r] *= U(rng, 0.2, 0.6)
    return {'pts': P, 'w': w, 'd': np.clip(p, 0, 1)}


# --------------------------------------------------------------------------
# mark builders (all coordinates in PDF points)
# --------------------------------------------------------------------------

def _start_end(rng, c, pen, exact_p=0.3, over=3.0):
    hw = pen['width'] / 2
    if rng.random() < exact_p:
        xs = c['X0'] + U(rng, -0.3, 0.3) * MM
    else:
        xs = c['X0'] - U(rng, 0.3, over) * MM
    if rng.random() < exact_p:
        xe = c['X1'] + U(rng, -0.3, 0.3) * MM
    else:
        xe = c['X1'] + U(rng, 0.3, over) * MM
    xs = max(xs, c['num']['ix1'] + hw + 0.4 * MM)
    xe = min(xe, c['right_limit'] - hw - 1.5 * MM)
    return xs, xe


def _slanted(rng, xs, xe, yc, max_deg, sev):
    a = math.radians(U(rng, -max_deg, max_deg) * sev)
    xm = (xs + xe) / 2
    return (xs, yc + (xs - xm) * math.tan(a)), (xe, yc + (xe - xm) * math.tan(a))


def build_struck(rng, kind, c, pen, sev):
    xh, base, xtop = c['xh'], c['base'], c['xtop']
    yc = (base + xtop) / 2
    xs, xe = _start_end(rng, c, pen)
    if kind in ('strike_mid', 'strike_high', 'strike_low'):
        if kind == 'strike_mid':
            y = yc + U(rng, -0.12, 0.12) * xh
        elif kind == 'strike_high':
            y = xtop + U(rng, 0.2, 0.33) * xh
        else:
            y = base - U(rng, 0.2, 0.33) * xh
        p0, p1 = _slanted(rng, xs, xe, y, 6, sev)
        return [hand_line(rng, p0, p1, sev, bow=U(rng, -1, 1) * 0.2 * xh * sev)]
    if kind == 'wavy':
        amp = U(rng, 0.15, 0.35) * xh
        per = U(rng, 1.5, 4.0) * MM
        ph = U(rng, 0, 2 * np.pi)
        p0, p1 = _slanted(rng, xs, xe, yc + U(rng, -0.1, 0.1) * xh, 3, sev)
        return [hand_line(rng, p0, p1, sev,
                          pattern=lambda s: amp * np.sin(2 * np.pi * s / per + ph))]
    if kind == 'zigzag':
        amp = U(rng, 0.45, 0.95) * xh
        per = U(rng, 1.1, 2.4) * MM
        ph = U(rng, 0, 1)

        def tri(s):
            x = (s / per + ph) % 1.0
            return amp * (4 * np.abs(x - 0.5) - 1)
        p0, p1 = _slanted(rng, xs, xe, yc + U(rng, -0.1, 0.1) * xh, 3, sev)
        return [hand_line(rng, p0, p1, sev, pattern=tri)]
    if kind == 'scribble':
        ry = U(rng, 0.45, 0.85) * xh
        rx = U(rng, 0.4, 1.0) * MM
        loops = max(3, int((xe - xs) / (U(rng, 1.3, 2.6) * MM)))
        th = np.linspace(0, 2 * np.pi * loops, loops * 60)
        x = xs + (xe - xs) * th / th[-1] - rx * np.sin(th)
        yy = yc + U(rng, -0.1, 0.1) * xh - ry * np.cos(th) * (1 + 0.15 * smooth_noise(rng, th / th[-1], 2))
        P = np.stack([x, yy], 1)
        P[:, 1] += smooth_noise(rng, th / th[-1], 2, 0.5, 2) * 0.06 * MM
        out = [P]
        if rng.random() < 0.4:   # back pass
            th2 = th[::-1]
            x2 = xs + (xe - xs) * th2 / th2[0] + rx * np.sin(th2) * 0.8
            y2 = yc + U(rng, -0.15, 0.15) * xh - ry * 0.8 * np.cos(th2 * 1.1)
            out = [np.concatenate([P, np.stack([x2, y2], 1)])]
        return out
    if kind == 'double':
        g = U(rng, 0.14, 0.26) * xh
        ya, yb = yc - g, yc + g
        a0, a1 = _slanted(rng, xs, xe, ya, 3, sev)
        xs2, xe2 = _start_end(rng, c, pen)
        b0, b1 = _slanted(rng, xs2, xe2, yb, 3, sev)
        if rng.random() < 0.35:   # one back-and-forth stroke
            A = hand_line(rng, a0, a1, sev, bow=U(rng, -1, 1) * 0.1 * xh)
            B = hand_line(rng, (a1[0], yb + (a1[1] - ya)), b0, sev, bow=U(rng, -1, 1) * 0.1 * xh)
            return [np.concatenate([A, B])]
        return [hand_line(rng, a0, a1, sev, bow=U(rng, -1, 1) * 0.1 * xh),
                hand_line(rng, b0, b1, sev, bow=U(rng, -1, 1) * 0.1 * xh)]
    if kind in ('diagonal_up', 'diagonal_down'):
        lo = base + U(rng, -0.05, 0.6) * xh * sev
        hi = xtop - U(rng, -0.05, 0.6) * xh * sev
        if kind == 'diagonal_up':
            p0, p1 = (xs, lo), (xe, hi)
        else:
            p0, p1 = (xs, hi), (xe, lo)
        return [hand_line(rng, p0, p1, sev, bow=U(rng, -1, 1) * 0.12 * xh * sev)]
    if kind == 'two_strokes':
        ws = c['words']
        if len(ws) >= 2 and rng.random() < 0.7:
            j = int(rng.integers(1, len(ws)))
            xsplit = (ws[j - 1]['ix1'] + ws[j]['ix0']) / 2
            ov = U(rng, -0.3, 1.5) * MM
        else:
            j = int(rng.integers(0, len(ws)))
            xsplit = (ws[j]['ix0'] + ws[j]['ix1']) / 2
            ov = U(rng, 0.2, 0.4) * (ws[j]['ix1'] - ws[j]['ix0'])
        ya = yc + U(rng, -0.15, 0.15) * xh
        yb = yc + U(rng, -0.15, 0.15) * xh
        a0, a1 = _slanted(rng, xs, xsplit + ov, ya, 4, sev)
        b0, b1 = _slanted(rng, xsplit - ov, xe, yb, 4, sev)
        return [hand_line(rng, a0, a1, sev, bow=U(rng, -1, 1) * 0.1 * xh),
                hand_line(rng, b0, b1, sev, bow=U(rng, -1, 1) * 0.1 * xh)]
    raise ValueError(kind)


def build_kept(rng, kind, c, pen, sev):
    xh, base, xtop = c['xh'], c['base'], c['xtop']
    yc = (base + xtop) / 2
    hw = pen['width'] / 2
    if kind in ('underline', 'underline_wavy'):
        xs, xe = _start_end(rng, c, pen, exact_p=0.25, over=3.0)
        gap = U(rng, 0.0, 0.35) * MM if rng.random() < 0.6 else U(rng, 0.35, 1.2) * MM
        pat = None
        if kind == 'underline_wavy':
            amp = U(rng, 0.1, 0.35) * MM
            per = U(rng, 2.0, 5.0) * MM
            ph = U(rng, 0, 2 * np.pi)
            pat = (lambda s: amp * np.sin(2 * np.pi * s / per + ph))
        p0, p1 = _slanted(rng, xs, xe, base, 2.0, sev)
        P = hand_line(rng, p0, p1, sev, bow=U(rng, -1, 1) * 0.15 * MM * sev, pattern=pat)
        # move it so the top edge is `gap` below the baseline at its highest point
        top = (P[:, 1] - hw).min()
        P[:, 1] += (base + gap) - top
        return [P], {'gap_mm': round(gap / MM, 2)}
    if kind in ('family_only', 'partial'):
        ws = c['words']
        last = 0 if kind == 'family_only' else len(ws) - 2
        xs, _ = _start_end(rng, c, pen)
        nxt = ws[last + 1]['ix0']
        xe_max = nxt - hw - 0.25 * MM
        xe = ws[last]['ix1'] + U(rng, -0.3, 0.6) * MM
        xe = min(xe, xe_max)
        y = yc + U(rng, -0.15, 0.15) * xh
        if kind == 'family_only' and rng.random() < 0.25:
            amp = U(rng, 0.15, 0.3) * xh
            per = U(rng, 1.5, 3.0) * MM
            return [hand_line(rng, (xs, y), (xe, y), sev,
                              pattern=lambda s: amp * np.sin(2 * np.pi * s / per))], {}
        p0, p1 = _slanted(rng, xs, xe, y, 4, sev)
        return [hand_line(rng, p0, p1, sev, bow=U(rng, -1, 1) * 0.1 * xh)], {}
    if kind == 'tick':
        s = U(rng, 2.0, 3.5) * MM + 1.5 * pen['width']
        xr = c['num']['ix0'] - U(rng, 1.0, 3.0) * MM - hw
        ycr = (c['ly0'] + c['ly1']) / 2 + U(rng, -0.1, 0.1) * xh
        A = (xr - s, ycr - 0.05 * s)
        B = (xr - 0.62 * s, ycr + 0.35 * s)
        C = (xr, ycr - 0.6 * s)
        P1 = hand_line(rng, A, B, sev * 0.3, bow=0)
        P2 = hand_line(rng, B, C, sev * 0.3, bow=U(rng, -0.1, 0.1) * s)
        return [np.concatenate([P1, P2])], {}
    if kind == 'dot':
        r = U(rng, 0.25, 0.6) * MM
        x = c['num']['ix0'] - U(rng, 1.0, 3.0) * MM - r
        y = (c['ly0'] + c['ly1']) / 2 + U(rng, -0.2, 0.2) * xh
        th = np.linspace(0, 4 * np.pi, 40)
        rr = np.linspace(r, 0, 40)
        return [np.stack([x + rr * np.cos(th), y + rr * np.sin(th)], 1)], {}
    raise ValueError(kind)


def word_crossed(Ps, w, c):
    ww = w['ix1'] - w['ix0']
    xa, xb = w['ix0'] + 0.18 * ww, w['ix1'] - 0.18 * ww
    ya, yb = c['xtop'] + 0.15 * c['xh'], c['base'] - 0.15 * c['xh']
    for P in Ps:
        m = (P[:, 0] >= xa) & (P[:, 0] <= xb) & (P[:, 1] >= ya) & (P[:, 1] <= yb)
        if m.any():
            return True
    return False


def validate(kind, Ps, c, pen):
    hw = pen['width'] * 0.55
    allp = np.concatenate(Ps)
    # must stay in its own row (not reach the next row's letters)
    if (allp[:, 1] - hw).min() < min(c['ly0'] - 1.0, c['room_top'] - 0.5):
        return False
    if (allp[:, 1] + hw).max() > min(c['ly1'] + 2.4 * MM, c['room_bottom'] + 1.0):
        return False
    if kind in STRUCK_KINDS:
        if (allp[:, 0] + hw).max() > c['right_limit'] - 0.5 * MM:
            return False
        if (allp[:, 0] - hw).min() < c['num']['ix1'] + 0.2 * MM:
            return False
        return all(word_crossed(Ps, w, c) for w in c['words'])
    if kind in ('underline', 'underline_wavy'):
        top = allp[:, 1] - hw
        if top.min() < c['base'] - 0.04 * c['xh']:
            return False
        if top.max() > c['base'] + 1.8 * MM:
            return False
        return (allp[:, 0] - hw).min() > c['num']['ix1'] + 0.2 * MM
    if kind in ('family_only', 'partial'):
        ws = c['words']
        last = 0 if kind == 'family_only' else len(ws) - 2
        if (allp[:, 0] + hw).max() > ws[last + 1]['ix0'] - 0.1 * MM:
            return False
        if (allp[:, 0] - hw).min() < c['num']['ix1'] + 0.2 * MM:
            return False
        return all(word_crossed(Ps, w, c) for w in ws[:last + 1])
    if kind in ('tick', 'dot'):
        return ((allp[:, 0] + hw).max() < c['num']['ix0'] - 0.4 * MM and
                (allp[:, 0] - hw).min() > 9 * MM)
    return False


def make_mark(rng, kind, c, pen):
    struck = kind in STRUCK_KINDS
    info = {}
    for attempt in range(40):
        sev = max(0.0, 1.0 - attempt / 30.0)
        if struck:
            Ps = build_struck(rng, kind, c, pen, sev)
        else:
            Ps, info = build_kept(rng, kind, c, pen, sev)
        if validate(kind, Ps, c, pen):
            return kind, Ps, info
    # fall back to the plainest mark of the same class
    kind = 'strike_mid' if struck else ('underline' if kind.startswith('underline') else 'tick')
    for attempt in range(40):
        if struck:
            Ps = build_struck(rng, kind, c, pen, 0.0)
        else:
            Ps, info = build_kept(rng, kind, c, pen, 0.0)
        if validate(kind, Ps, c, pen):
            return kind, Ps, info
    return None, None, None


# --------------------------------------------------------------------------
# rasterising ink
# --------------------------------------------------------------------------

def render_alpha(strokes, k, shape, ss):
    """Coverage*pressure of the strokes (list of stroke dicts) -> (alpha, y0, x0)."""
    H, W = shape
    allp = np.concatenate([s['pts'] for s in strokes]) * k
    pad = max(float(s['w'].max()) for s in strokes) * k + 3
    x0 = max(0, int(allp[:, 0].min() - pad))
    y0 = max(0, int(allp[:, 1].min() - pad))
    x1 = min(W, int(allp[:, 0].max() + pad) + 1)
    y1 = min(H, int(allp[:, 1].max() + pad) + 1)
    if x1 <= x0 or y1 <= y0:
        return None, 0, 0
    img = Image.new('L', ((x1 - x0) * ss, (y1 - y0) * ss), 0)
    dr = ImageDraw.Draw(img)
    for s in strokes:
        P = (s['pts'] * k - [x0, y0]) * ss
        Wd = s['w'] * k * ss
        D = np.clip(s['d'] * 255, 0, 255).astype(int)
        step = max(1, int(len(P) / max(1.0, (len(P) * 0.2 * k * ss) / 0.7)))
        idx = list(range(0, len(P), step))
        if idx[-1] != len(P) - 1:
            idx.append(len(P) - 1)
        for a, b in zip(idx[:-1], idx[1:]):
            wd = max(1, int(round(Wd[a])))
            dr.line([(P[a, 0], P[a, 1]), (P[b, 0], P[b, 1])], fill=int(D[a]), width=wd)
            if wd > 2:
                r = Wd[a] / 2
                dr.ellipse([P[a, 0] - r, P[a, 1] - r, P[a, 0] + r, P[a, 1] + r], fill=int(D[a]))
        r = Wd[-1] / 2
        dr.ellipse([P[-1, 0] - r, P[-1, 1] - r, P[-1, 0] + r, P[-1, 1] + r], fill=int(D[-1]))
    if ss > 1:
        img = img.resize((x1 - x0, y1 - y0), Image.BOX)
    return np.asarray(img, np.float32) / 255.0, y0, x0


def apply_ink(F, alpha, y0, x0, pen, rng):
    h, w = alpha.shape
    if pen['type'] == 'pencil':
        grain = np.clip(rng.normal(0.72, 0.28, alpha.shape), 0.05, 1.0).astype(np.float32)
        a = alpha * grain
    elif pen['type'] == 'ballpoint':
        a = alpha * np.clip(rng.normal(0.95, 0.07, alpha.shape), 0.6, 1.0).astype(np.float32)
    elif pen['type'] == 'felt':
        # felt tips saturate: soft but dense
        a = np.clip(alpha * 1.15, 0, 1)
    else:
        a = alpha
    F[y0:y0 + h, x0:x0 + w] *= (1.0 - a * (1.0 - pen['gray']))
    return a


# --------------------------------------------------------------------------
# seal
# --------------------------------------------------------------------------

FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', os.path.expanduser('~/.fonts')]


def find_font(names):
    for n in names:
        for d in FONT_DIRS:
            hits = glob.glob(os.path.join(d, '**', n), recursive=True)
            if hits:
                return sorted(hits)[0]
    return None


_FONT_CACHE = {}


def get_font(kind, size):
    key = (kind, int(size))
    if key in _FONT_CACHE:
        return _FONT_CACHE[key]
    names = {'bold': ['NotoSans-Bold.ttf', 'DejaVuSans-Bold.ttf', 'LiberationSans-Bold.ttf'],
             'italic': ['NotoSans-Italic.ttf', 'DejaVuSans-Oblique.ttf', 'NotoSerif-Italic.ttf',
                        'LiberationSans-Italic.ttf', 'NotoSans-Regular.ttf', 'DejaVuSans.ttf']}[kind]
    path = find_font(names)
    f = None
    if path:
        try:
            f = ImageFont.truetype(path, max(4, int(size)))
        except OSError:
            f = None
    if f is None:
        f = ImageFont.load_default()
    _FONT_CACHE[key] = f
    return f


def make_seal_base(diam_px, ring_text, center_text):
    R = diam_px / 2.0
    S = int(diam_px + 6)
    c = S / 2.0
    img = Image.new('L', (S, S), 0)
    d = ImageDraw.Draw(img)
    t1 = max(2, int(round(0.055 * R)))
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=t1)
    r2 = 0.69 * R
    d.ellipse([c - r2, c - r2, c + r2, c + r2], outline=255, width=max(1, int(round(0.022 * R))))
    fsize = 0.19 * R
    font = get_font('bold', fsize)
    rt = 0.845 * R
    chars = list(ring_text)
    widths = []
    for ch in chars:
        try:
            widths.append(font.getlength(ch) * 1.05)
        except AttributeError:
            widths.append(fsize * 0.6)
    total = sum(widths)
    circ = 2 * np.pi * rt
    scale = min(1.0, circ * 0.97 / max(total, 1))
    ang = -total * scale / rt / 2.0 if total * scale < circ * 0.9 else 0.0
    gs = int(fsize * 2.2)
    for ch, wch in zip(chars, widths):
        a = ang + wch * scale / rt / 2.0
        ang += wch * scale / rt
        if ch == ' ':
            continue
        g = Image.new('L', (gs, gs), 0)
        gd = ImageDraw.Draw(g)
        if ch == '*':
            _star(gd, gs / 2, gs / 2, fsize * 0.45, 255)
        else:
            try:
                gd.text((gs / 2, gs / 2), ch, fill=255, font=font, anchor='mm')
            except (TypeError, ValueError):
                gd.text((gs / 4, gs / 4), ch, fill=255, font=font)
        g = g.rotate(-math.degrees(a), resample=Image.BILINEAR)
        px = c + rt * math.sin(a) - gs / 2
        py = c - rt * math.cos(a) - gs / 2
        box = (int(round(px)), int(round(py)))
        region = img.crop((box[0], box[1], box[0] + gs, box[1] + gs))
        img.paste(ImageChops.lighter(region, g), box)
    _star(d, c, c - 0.18 * R, 0.2 * R, 255)
    f2 = get_font('bold', 0.15 * R)
    for i, line in enumerate(center_text):
        try:
            d.text((c, c + 0.12 * R + i * 0.19 * R), line, fill=255, font=f2, anchor='mm')
        except (TypeError, ValueError):
            d.text((c - 0.3 * R, c + 0.05 * R + i * 0.19 * R), line, fill=255, font=f2)
    return np.asarray(img, np.float32) / 255.0


def _star(d, cx, cy, r, fill):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.4
        a = -np.pi / 2 + i * np.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=fill)


def lowfreq(rng, shape, cells=6):
    h, w = shape
    g = rng.random((cells, cells)).astype(np.float32)
    im = Image.fromarray(g, 'F').resize((w, h), Image.BICUBIC)
    return np.asarray(im, np.float32)


def seal_alpha(rng, base, plan):
    im = Image.fromarray((base * 255).astype(np.uint8), 'L')
    im = im.rotate(plan['rotation'], resample=Image.BILINEAR)
    a = np.asarray(im, np.float32) / 255.0
    S = a.shape[0]
    # uneven inking
    lf = lowfreq(rng, a.shape, 5)
    a = a * np.clip(plan['ink_min'] + (1.1 - plan['ink_min']) * lf, 0, 1)
    a = a * (rng.random(a.shape) > plan['speckle']).astype(np.float32)
    if plan['missing'] > 0:
        phi = plan['missing_dir']
        yy, xx = np.mgrid[0:S, 0:S].astype(np.float32)
        dd = ((xx - S / 2) * math.cos(phi) + (yy - S / 2) * math.sin(phi)) / (S / 2)
        cut = 1.0 - 2.0 * plan['missing']
        a = a * np.clip((cut - dd) / 0.25 + 0.5, 0, 1)
    a = np.asarray(Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8), 'L')
                   .filter(ImageFilter.GaussianBlur(0.6)), np.float32) / 255.0
    return a


def apply_seal(F, a, cx_px, cy_px, gray):
    H, W = F.shape
    S = a.shape[0]
    x0 = int(round(cx_px - S / 2))
    y0 = int(round(cy_px - S / 2))
    ax0, ay0 = max(0, -x0), max(0, -y0)
    bx0, by0 = max(0, x0), max(0, y0)
    bx1, by1 = min(W, x0 + S), min(H, y0 + S)
    if bx1 <= bx0 or by1 <= by0:
        return
    sub = a[ay0:ay0 + (by1 - by0), ax0:ax0 + (bx1 - bx0)]
    F[by0:by1, bx0:bx1] *= (1.0 - sub * (1.0 - gray))


# --------------------------------------------------------------------------
# writing outside the list
# --------------------------------------------------------------------------

MARGIN_WORDS = ['Đồng ý', 'đồng ý', 'Không', 'OK', 'đã xem', 'Hợp lệ', 'Tốt',
                'Nam', 'Bầu đủ', 'cảm ơn', 'Lan', 'Hùng', 'Hết', 'Nhất trí', 'Tổ 3']


def signature_paths(rng, w, h):
    """A cursive-looking signature in a (w, h) box (points), origin top-left."""
    n = int(rng.integers(4, 9))
    th = np.linspace(0, 2 * np.pi * n, n * 50)
    amp = h * 0.35 * (1 + 0.35 * smooth_noise(rng, th / th[-1], 3, 1, 4))
    loop = U(rng, 0.3, 0.9) * w / (n * 2 * np.pi) * 2.2
    x = 0.12 * w + 0.8 * w * th / th[-1] - loop * np.sin(th)
    y = h * 0.55 - amp * np.cos(th) + 0.12 * h * smooth_noise(rng, th / th[-1], 2, 0.3, 1.5)
    paths = [np.stack([x, y], 1)]
    # capital: a big loop at the start
    t = np.linspace(0, 2 * np.pi * U(rng, 0.8, 1.3), 60)
    cx, cy = 0.1 * w, 0.45 * h
    paths.insert(0, np.stack([cx + 0.1 * w * np.sin(t), cy - 0.45 * h * np.cos(t)], 1))
    if rng.random() < 0.6:   # flourish under it
        paths.append(hand_line(rng, (0.05 * w, 0.95 * h), (0.95 * w, 0.8 * h), 1.0,
                               bow=U(rng, -0.1, 0.1) * h))
    return paths


def word_alpha(rng, text, height_px):
    """A handwritten-looking word: glyphs of an italic font, each jittered."""
    font = get_font('italic', height_px)
    h = int(height_px)
    W0 = int(h * (1.0 * len(text) + 5))
    H0 = int(h * 3.2)
    im = Image.new('L', (W0, H0), 0)
    x = 1.0 * h
    base = 2.0 * h
    drift = U(rng, -0.08, 0.08)
    for ch in text:
        if ch == ' ':
            x += 0.35 * h * U(rng, 0.8, 1.4)
            continue
        sc = U(rng, 0.88, 1.12)
        f = get_font('italic', max(4, int(height_px * sc)))
        gs = int(2.4 * h)
        g = Image.new('L', (gs, gs), 0)
        try:
            ImageDraw.Draw(g).text((gs * 0.3, gs * 0.7), ch, fill=255, font=f, anchor='ls')
            adv = f.getlength(ch)
        except (TypeError, ValueError, AttributeError):
            ImageDraw.Draw(g).text((gs * 0.3, gs * 0.3), ch, fill=255, font=f)
            adv = 0.6 * h
        g = g.rotate(U(rng, -9, 9), resample=Image.BILINEAR, center=(gs * 0.3, gs * 0.7))
        px = int(x - gs * 0.3)
        py = int(base + drift * x + U(rng, -0.07, 0.07) * h - gs * 0.7)
        px = min(max(px, 0), W0 - gs)
        py = min(max(py, 0), H0 - gs)
        region = im.crop((px, py, px + gs, py + gs))
        im.paste(ImageChops.lighter(region, g), (px, py))
        x += adv * U(rng, 0.92, 1.08)
    bb = im.getbbox() or (0, 0, 8, 8)
    im = im.crop((max(0, bb[0] - 4), max(0, bb[1] - 4), min(W0, bb[2] + 4), min(H0, bb[3] + 4)))
    w, h = im.size
    # hand-ish: shear + small elastic wobble
    sh = U(rng, -0.25, 0.1)
    im = im.transform((w + int(abs(sh) * h), h), Image.AFFINE,
                      (1, sh, -abs(sh) * h if sh < 0 else 0, 0, 1, 0), resample=Image.BILINEAR)
    a = np.asarray(im, np.float32) / 255.0
    hh, ww = a.shape
    yy, xx = np.mgrid[0:hh, 0:ww].astype(np.float32)
    dy = (lowfreq(rng, a.shape, 4) - 0.5) * 0.12 * height_px
    dx = (lowfreq(rng, a.shape, 4) - 0.5) * 0.08 * height_px
    yi = np.clip(np.round(yy + dy), 0, hh - 1).astype(int)
    xi = np.clip(np.round(xx + dx), 0, ww - 1).astype(int)
    return a[yi, xi]


def free_rect(rng, occ, cell_pt, wcells, hcells, tries=400):
    gh, gw = occ.shape
    if wcells >= gw or hcells >= gh:
        return None
    # integral image for fast emptiness tests
    ii = np.zeros((gh + 1, gw + 1), np.int32)
    ii[1:, 1:] = np.cumsum(np.cumsum(occ.astype(np.int32), 0), 1)
    ys = np.arange(0, gh - hcells)
    xs = np.arange(0, gw - wcells)
    sums = (ii[ys[:, None] + hcells, xs[None, :] + wcells] - ii[ys[:, None], xs[None, :] + wcells]
            - ii[ys[:, None] + hcells, xs[None, :]] + ii[ys[:, None], xs[None, :]])
    ok = np.argwhere(sums == 0)
    if len(ok) == 0:
        return None
    y, x = ok[int(rng.integers(0, len(ok)))]
    return x * cell_pt, y * cell_pt


def occupancy(img, k, info, extra_rects, cell_mm=1.0):
    H, W = img.shape
    c = max(1, int(round(cell_mm * MM * k)))
    gh, gw = H // c, W // c
    dark = (img[:gh * c, :gw * c] < 200).reshape(gh, c, gw, c).any(axis=(1, 3))
    occ = dark.copy()
    cell_pt = c / k

    def mark(x0, y0, x1, y1):
        a0, b0 = max(0, int(x0 / cell_pt)), max(0, int(y0 / cell_pt))
        a1, b1 = min(gw, int(math.ceil(x1 / cell_pt))), min(gh, int(math.ceil(y1 / cell_pt)))
        if a1 > a0 and b1 > b0:
            occ[b0:b1, a0:a1] = True
    m = 13 * MM      # keep off the paper edge (cut by skew) and registration marks
    mark(0, 0, info['w'], m)
    mark(0, info['h'] - m, info['w'], info['h'])
    mark(0, 0, m, info['h'])
    mark(info['w'] - m, 0, info['w'], info['h'])
    cs = info['cands']
    if cs:
        # the whole horizontal band of the list is off limits: writing next to
        # a row could be read as a mark for that candidate
        ly0 = min(c_['ly0'] for c_ in cs) - 6 * MM
        ly1 = max(c_['ly1'] for c_ in cs) + 6 * MM
        mark(0, ly0, info['w'], ly1)
    for r in extra_rects:
        mark(*r)
    # dilate by 3 cells
    o = occ.copy()
    for _ in range(3):
        o2 = o.copy()
        o2[1:, :] |= o[:-1, :]
        o2[:-1, :] |= o[1:, :]
        o2[:, 1:] |= o[:, :-1]
        o2[:, :-1] |= o[:, 1:]
        o = o2
    return o, cell_pt


# --------------------------------------------------------------------------
# scanner
# --------------------------------------------------------------------------

def scanner_params(rng, deck, dpi, deck_bg):
    hard = deck == 'hard'
    p = {}
    p['dpi'] = dpi
    p['skew_deg'] = round(U(rng, -5, 5) if hard else U(rng, -3, 3), 3)
    sh = 3.0 if hard else 2.0
    p['shift_mm'] = [round(U(rng, -sh, sh), 2), round(U(rng, -sh, sh), 2)]
    p['scale'] = round(1 + U(rng, -0.02, 0.02), 4)
    p['upside_down'] = bool(hard and rng.random() < 0.12)
    p['background'] = deck_bg
    if deck_bg == 'black':
        p['background_level'] = int(rng.integers(5, 45))
    else:
        p['background_level'] = int(rng.integers(225, 256))
    p['flatbed_border_mm'] = None
    if hard and rng.random() < 0.15:
        p['background'] = 'black'
        p['background_level'] = int(rng.integers(5, 40))
        edges = ['top', 'bottom', 'left', 'right']
        ne = int(rng.integers(1, 5))
        sel = sorted(int(i) for i in rng.choice(4, ne, replace=False))
        p['flatbed_border_mm'] = {edges[i]: round(U(rng, 1.5, 6.0), 1) for i in sel}
    p['blur_px'] = round((U(rng, 0.6, 1.5) if hard else U(rng, 0.3, 0.8)) * dpi / 200.0, 2)
    p['noise_sigma'] = round(U(rng, 3, 9) if hard else U(rng, 1.5, 4), 2)
    p['illumination'] = round(U(rng, 0.03, 0.10) if hard else U(rng, 0.01, 0.04), 3)
    p['paper_level'] = int(rng.integers(228, 250))
    p['black_level'] = int(rng.integers(15, 45) if hard else rng.integers(8, 30))
    p['column_gain'] = round(U(rng, 0.002, 0.012) if hard else U(rng, 0.0, 0.005), 4)
    p['jpeg_quality'] = int(rng.integers(45, 76) if hard else rng.integers(65, 91))
    p['dpi_in_file'] = bool(rng.random() < 0.6)
    return p


def affine_pt_to_px(p, k, W, H):
    """Forward map: page point (x, y) -> output pixel. Returns 2x3 matrix."""
    th = math.radians(p['skew_deg'] + (180.0 if p['upside_down'] else 0.0))
    s = p['scale']
    cxi, cyi = W / 2.0, H / 2.0
    dx, dy = p['shift_mm'][0] * MM * k, p['shift_mm'][1] * MM * k
    R = np.array([[math.cos(th), -math.sin(th)], [math.sin(th), math.cos(th)]]) * s
    # px_in = pt * k ; out = R (px_in - c) + c + d
    A = np.zeros((2, 3))
    A[:, :2] = R * k
    A[:, 2] = -R @ np.array([cxi, cyi]) + np.array([cxi + dx, cyi + dy])
    return A


def scan_image(rng, F, p, k):
    """F: float32 reflectance page (H, W) in [0,1]. Returns uint8 scan."""
    H, W = F.shape
    A = affine_pt_to_px(p, k, W, H)
    M = np.array([[A[0, 0] / k, A[0, 1] / k, A[0, 2]],
                  [A[1, 0] / k, A[1, 1] / k, A[1, 2]], [0.0, 0.0, 1.0]])
    Mi = np.linalg.inv(M)          # output pixel -> input pixel
    coeffs = tuple(Mi[0, :3]) + tuple(Mi[1, :3])
    paper = p['paper_level'] / 255.0
    blk = p['black_level'] / 255.0
    G = blk + (paper - blk) * F
    # paper texture (fibres): low amplitude, mid frequency
    tex = rng.standard_normal((H // 3 + 1, W // 3 + 1)).astype(np.float32)
    tex = np.asarray(Image.fromarray(tex, 'F').resize((W, H), Image.BILINEAR), np.float32)
    G = G * (1.0 + 0.006 * tex)
    src = Image.fromarray(np.clip(G * 255.0 + 0.5, 0, 255).astype(np.uint8), 'L')
    out = np.asarray(src.transform((W, H), Image.AFFINE, coeffs, resample=Image.BICUBIC,
                                   fillcolor=0), np.float32)
    mask = Image.new('L', (W, H), 255).transform((W, H), Image.AFFINE, coeffs,
                                                 resample=Image.BILINEAR, fillcolor=0)
    m = np.asarray(mask, np.float32) / 255.0
    bg = float(p['background_level'])
    # soft shadow along the paper edge
    mb = np.asarray(mask.filter(ImageFilter.GaussianBlur(1.2 * k / 2.78)), np.float32) / 255.0
    edge = np.clip(4 * mb * (1 - mb), 0, 1)
    out = out * m + bg * (1 - m)
    if p['background'] == 'white':
        out = out * (1 - 0.25 * edge)
    fb = p.get('flatbed_border_mm')
    if fb:
        for e, wmm in fb.items():
            wpx = int(round(wmm * MM * k))
            rw = max(2, int(0.8 * MM * k))
            ramp = np.concatenate([np.ones(wpx), np.linspace(1, 0, rw + 2)[1:-1]]).astype(np.float32)[:, None]
            n_ = len(ramp)
            lvl = bg + U(rng, 0, 15)
            if e == 'top':
                out[:n_] = out[:n_] * (1 - ramp) + lvl * ramp
            elif e == 'bottom':
                out[H - n_:] = out[H - n_:] * (1 - ramp[::-1]) + lvl * ramp[::-1]
            elif e == 'left':
                out[:, :n_] = out[:, :n_] * (1 - ramp.T) + lvl * ramp.T
            else:
                out[:, W - n_:] = out[:, W - n_:] * (1 - ramp.T[:, ::-1]) + lvl * ramp.T[:, ::-1]
    # uneven illumination
    ill = lowfreq(rng, (H, W), 3) - 0.5
    gy = np.linspace(-0.5, 0.5, H, dtype=np.float32)[:, None] * U(rng, -1, 1)
    gx = np.linspace(-0.5, 0.5, W, dtype=np.float32)[None, :] * U(rng, -1, 1)
    out = out * (1.0 + p['illumination'] * (ill + gx + gy))
    # sheet-fed sensor: per-column gain
    out = out * (1.0 + p['column_gain'] * rng.standard_normal(W).astype(np.float32))[None, :]
    im = Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8), 'L')
    if p['blur_px'] > 0:
        im = im.filter(ImageFilter.GaussianBlur(p['blur_px']))
    out = np.asarray(im, np.float32)
    out += p['noise_sigma'] * rng.standard_normal((H, W), dtype=np.float32)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------

def encode(img, fmt, p):
    im = Image.fromarray(img, 'L')
    buf = io.BytesIO()
    dpi = (p['dpi'], p['dpi'])
    if fmt in ('jpeg', 'pdf'):
        kw = {'quality': p['jpeg_quality']}
        if p['dpi_in_file'] or fmt == 'pdf':
            kw['dpi'] = dpi
        im.save(buf, 'JPEG', **kw)
    elif fmt == 'png':
        kw = {'dpi': dpi} if p['dpi_in_file'] else {}
        im.save(buf, 'PNG', compress_level=3, **kw)
    elif fmt == 'tiff':
        kw = {'dpi': dpi} if p['dpi_in_file'] else {}
        im.save(buf, 'TIFF', compression='tiff_lzw', **kw)
    return buf.getvalue()


def write_pdf(path, pages):
    """pages: list of (jpeg_bytes, w_px, h_px, dpi). Writes an image-only PDF."""
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)
    add(b'')   # 1 catalog placeholder
    add(b'')   # 2 pages placeholder
    kids = []
    for data, w, h, dpi in pages:
        wp, hp = w * 72.0 / dpi, h * 72.0 / dpi
        img = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray '
                  b'/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n' % (w, h, len(data))
                  + data + b'\nendstream')
        content = b'q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q' % (wp, hp)
        cont = add(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
        pg = add(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] '
                 b'/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>' % (wp, hp, img, cont))
        kids.append(pg)
    objs[0] = b'<< /Type /Catalog /Pages 2 0 R >>'
    objs[1] = (b'<< /Type /Pages /Count %d /Kids [' % len(kids)
               + b' '.join(b'%d 0 R' % k for k in kids) + b'] >>')
    out = io.BytesIO()
    out.write(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for i, o in enumerate(objs):
        offs.append(out.tell())
        out.write(b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n')
    xref = out.tell()
    out.write(b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1))
    for o in offs:
        out.write(b'%010d 00000 n \n' % o)
    out.write(b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref))
    with open(path, 'wb') as f:
        f.write(out.getvalue())


# --------------------------------------------------------------------------
# one sheet
# --------------------------------------------------------------------------

def plan_votes(rng, deck, cands):
    n = len(cands)
    hard = deck == 'hard'
    r = rng.random()
    if r < 0.15:
        k_struck = 0
    elif r < 0.55:
        k_struck = int(rng.integers(1, min(4, n) + 1))
    elif r < 0.85:
        k_struck = int(rng.integers(1, n + 1))
    else:
        k_struck = int(rng.integers(max(1, n - 3), n + 1))
    struck_idx = set(int(i) for i in rng.choice(n, k_struck, replace=False)) if k_struck else set()
    sw = np.array([30, 8, 8, 10, 8, 5, 8, 7, 5, 6], float) if not hard else \
        np.array([22, 7, 7, 10, 11, 9, 8, 8, 6, 10], float)
    primary = STRUCK_KINDS[int(rng.choice(len(STRUCK_KINDS), p=sw / sw.sum()))]
    style = 'plain'
    r = rng.random()
    if r < 0.08:
        style = 'underline_kept'     # voter underlines the names they keep
    elif r < 0.13:
        style = 'tick_kept'          # voter ticks the names they keep
    plan = {}
    kept_p = 0.09 if hard else 0.06
    kw_names = ['underline', 'underline_wavy', 'family_only', 'tick', 'dot', 'partial']
    kw = np.array([40, 14, 16, 14, 8, 8 if hard else 0], float)
    for i, c in enumerate(cands):
        if i in struck_idx:
            kind = primary if rng.random() < 0.75 else \
                STRUCK_KINDS[int(rng.choice(len(STRUCK_KINDS), p=sw / sw.sum()))]
            plan[i] = kind
            continue
        if style == 'underline_kept' and rng.random() < 0.9:
            plan[i] = 'underline'
            continue
        if style == 'tick_kept' and rng.random() < 0.9:
            plan[i] = 'tick'
            continue
        # names with descenders / dots below get underlined more often
        boost = 1.8 if c['below_ink'] > 0 else 1.0
        if rng.random() < kept_p * boost:
            ww = kw.copy()
            if len(c['words']) < 2:
                ww[2] = 0
            if len(c['words']) < 3:
                ww[5] = 0
            plan[i] = kw_names[int(rng.choice(len(kw_names), p=ww / ww.sum()))]
    return plan


def seal_plan(rng, deck):
    hard = deck == 'hard'
    p = {'present': True, 'pale': False, 'too_pale': False, 'shifted': False,
         'rotation': U(rng, 0, 360), 'ink_min': U(rng, 0.45, 0.8),
         'speckle': U(rng, 0.0, 0.15), 'missing': 0.0, 'missing_dir': U(rng, 0, 2 * np.pi)}
    p['gray'] = U(rng, 0.25, 0.60)          # 64..153 on a grey scan
    sh = 1.5
    if hard:
        r = rng.random()
        if r < 0.08:
            p['present'] = False
        elif r < 0.15:
            p['too_pale'] = True
            p['gray'] = U(rng, 0.955, 0.985)
            p['ink_min'] = U(rng, 0.3, 0.6)
        elif r < 0.30:
            p['pale'] = True
            p['gray'] = U(rng, 0.62, 0.74)
        if rng.random() < 0.18:
            p['shifted'] = True
            sh = None
        if rng.random() < 0.15:
            p['missing'] = U(rng, 0.15, 0.45)
        p['speckle'] = U(rng, 0.0, 0.3)
    if sh is None:
        r = U(rng, 3.0, 8.0) * MM
        a = U(rng, 0, 2 * np.pi)
        p['shift'] = (r * math.cos(a), r * math.sin(a))
    else:
        p['shift'] = (U(rng, -sh, sh) * MM, U(rng, -sh, sh) * MM)
    return p


def build_sheet(rng, deck, info, img, k, seal_base, seal_diam_pt, ss):
    H, W = img.shape
    F = img.astype(np.float32) / 255.0
    pen = choose_pen(rng, deck)
    cands = info['cands']
    plan = plan_votes(rng, deck, cands) if cands else {}
    marks = []
    struck = []
    mark_rects = []
    for i in sorted(plan):
        c = cands[i]
        kind, Ps, extra = make_mark(rng, plan[i], c, pen)
        if kind is None:
            continue
        strokes = [make_stroke(rng, P, pen) for P in Ps]
        alpha, y0, x0 = render_alpha(strokes, k, (H, W), ss)
        if alpha is None:
            continue
        a = apply_ink(F, alpha, y0, x0, pen, rng)
        rec = {'number': c['number'], 'kind': kind, 'pen': pen_label(pen),
               'struck': kind in STRUCK_KINDS}
        if kind != plan[i]:
            rec['planned_kind'] = plan[i]
        if kind.startswith('underline'):
            hh, ww = a.shape
            region = img[y0:y0 + hh, x0:x0 + ww] < 128
            rec['touches_text'] = bool(((a > 0.3) & region).any())
            rec.update(extra)
        marks.append(rec)
        if kind in STRUCK_KINDS:
            struck.append(c['number'])
        allp = np.concatenate(Ps)
        mark_rects.append((allp[:, 0].min() - 2 * MM, allp[:, 1].min() - 2 * MM,
                           allp[:, 0].max() + 2 * MM, allp[:, 1].max() + 2 * MM))
    reasons = []
    # ---- seal
    sp = seal_plan(rng, deck)
    bx0, by0, bx1, by1 = info['stamp_box']
    scx = (bx0 + bx1) / 2 + sp['shift'][0]
    scy = (by0 + by1) / 2 + sp['shift'][1]
    seal_rec = {'present': sp['present']}
    if sp['present']:
        a = seal_alpha(rng, seal_base, sp)
        apply_seal(F, a, scx * k, scy * k, sp['gray'])
        seal_rec.update({'level': int(round(255 * sp['gray'])), 'pale': sp['pale'],
                         'too_pale': sp['too_pale'], 'shifted': sp['shifted'],
                         'center_pt': [round(scx, 1), round(scy, 1)],
                         'offset_mm': [round(sp['shift'][0] / MM, 1), round(sp['shift'][1] / MM, 1)],
                         'diameter_mm': round(seal_diam_pt / MM, 1),
                         'missing_fraction': round(sp['missing'], 2)})
        if sp['too_pale']:
            reasons.append('seal_too_pale')
    else:
        reasons.append('seal_missing')
    # ---- writing outside the list (hard deck)
    writing = None
    if deck == 'hard' and rng.random() < 0.15:
        srad = seal_diam_pt / 2 + 3 * MM
        extra = mark_rects + [(scx - srad, scy - srad, scx + srad, scy + srad),
                              (bx0 - 2 * MM, by0 - 2 * MM, bx1 + 2 * MM, by1 + 2 * MM)]
        occ, cell = occupancy(img, k, info, extra)
        wpen = pen if rng.random() < 0.7 else choose_pen(rng, deck)
        if rng.random() < 0.5:
            kind = 'signature'
            sizes = [(U(rng, 18, 35) * MM, U(rng, 6, 11) * MM), (U(rng, 12, 18) * MM, U(rng, 5, 8) * MM)]
        else:
            kind = 'word'
            sizes = [None]
        text = None
        for sz in sizes:
            if kind == 'word':
                text = MARGIN_WORDS[int(rng.integers(0, len(MARGIN_WORDS)))]
                hpx = U(rng, 4.0, 7.0) * MM * k
                wa = word_alpha(rng, text, hpx)
                sz = (wa.shape[1] / k, wa.shape[0] / k)
            pos = free_rect(rng, occ, cell, int(math.ceil(sz[0] / cell)) + 1, int(math.ceil(sz[1] / cell)) + 1)
            if pos is None:
                continue
            x0pt, y0pt = pos[0] + cell / 2, pos[1] + cell / 2
            if kind == 'signature':
                Ps = signature_paths(rng, sz[0], sz[1])
                strokes = [make_stroke(rng, P + [x0pt, y0pt], wpen) for P in Ps]
                alpha, ay0, ax0 = render_alpha(strokes, k, (H, W), ss)
                if alpha is not None:
                    apply_ink(F, alpha, ay0, ax0, wpen, rng)
            else:
                ax0, ay0 = int(x0pt * k), int(y0pt * k)
                hh, ww = wa.shape
                hh, ww = min(hh, H - ay0), min(ww, W - ax0)
                prs = 0.75 + 0.25 * lowfreq(rng, (hh, ww), 3)
                apply_ink(F, wa[:hh, :ww] * prs, ay0, ax0, wpen, rng)
            writing = {'kind': kind, 'pen': pen_label(wpen),
                       'bbox_pt': [round(x0pt, 1), round(y0pt, 1),
                                   round(x0pt + sz[0], 1), round(y0pt + sz[1], 1)]}
            if text:
                writing['text'] = text
            reasons.append('writing_outside_list')
            break
    return F, {'struck': sorted(struck), 'marks': sorted(marks, key=lambda m: m['number']),
               'reasons': reasons, 'seal': seal_rec, 'writing': writing,
               'pen': {'type': pen['type'], 'color': pen['color'], 'width_mm': pen['width_mm'],
                       'level': int(round(255 * pen['gray']))}}


def back_page(rng, F_front, p):
    """The reverse side: blank paper, maybe faint show-through (mirrored)."""
    H, W = F_front.shape
    amt = 0.0 if rng.random() < 0.3 else U(rng, 0.01, 0.04)
    if amt > 0:
        mir = Image.fromarray(np.clip(F_front[:, ::-1] * 255, 0, 255).astype(np.uint8), 'L')
        mir = np.asarray(mir.filter(ImageFilter.GaussianBlur(U(rng, 2.0, 4.0) * W / 1166.0)), np.float32) / 255.0
        B = 1.0 - amt * (1.0 - mir)
    else:
        B = np.ones((H, W), np.float32)
    q = dict(p)
    q['skew_deg'] = -p['skew_deg']
    q['shift_mm'] = [-p['shift_mm'][0], p['shift_mm'][1]]
    return B, q, amt


def main(argv=None):
    ap = argparse.ArgumentParser(description='Generate scanned hand-marked ballots with an answer key.')
    ap.add_argument('--ballots', required=True, help='printed ballot PDF (one ballot a page)')
    ap.add_argument('--out', required=True, help='output directory')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=20)
    ap.add_argument('--deck', choices=['clean', 'hard'], default='clean')
    ap.add_argument('--dpi', type=int, default=200)
    ap.add_argument('--duplex', action='store_true')
    ap.add_argument('--format', choices=['jpeg', 'png', 'tiff', 'pdf'], default='jpeg')
    ap.add_argument('--first-page', type=int, default=1)
    ap.add_argument('--quiet', action='store_true')
    args = ap.parse_args(argv)

    t_start = time.time()
    os.makedirs(args.out, exist_ok=True)
    layout = parse_layout(args.ballots)
    npages = pdf_page_count(args.ballots, layout)
    if npages < 1:
        sys.exit('no pages in %s' % args.ballots)
    seq = [((args.first_page - 1 + i) % npages) + 1 for i in range(args.count)]
    k = args.dpi / 72.0
    ss = 3 if args.dpi <= 220 else 2
    deck_rng = np.random.default_rng([args.seed, 0x5EED])
    deck_bg = ('black' if deck_rng.random() < (0.7 if args.deck == 'hard' else 0.5) else 'white')

    tmp = tempfile.mkdtemp(prefix='sheetgen-')
    try:
        rendered = render_pages(args.ballots, seq, args.dpi, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    infos = {}
    for pg in sorted(set(seq)):
        if pg not in rendered:
            sys.exit('pdftoppm did not render page %d' % pg)
        lay = layout[pg - 1] if pg - 1 < len(layout) else {'w': rendered[pg].shape[1] / k,
                                                            'h': rendered[pg].shape[0] / k, 'words': []}
        infos[pg] = analyse_page(lay, rendered[pg], k)
        if not infos[pg]['cands'] and not args.quiet:
            print('warning: no candidate lines found on page %d' % pg, file=sys.stderr)

    # one stamp for the whole congress (same size on every sheet)
    first = infos[seq[0]]
    bw = first['stamp_box'][2] - first['stamp_box'][0]
    seal_diam_pt = float(np.clip(bw * U(deck_rng, 0.85, 1.0), 28 * MM, 40 * MM))
    seal_base = make_seal_base(seal_diam_pt * k, 'CÔNG ĐOÀN TỈNH LÂM ĐỒNG * LIÊN ĐOÀN LAO ĐỘNG * ',
                               ['ĐẠI HỘI'])

    answers = []
    pdf_pages = []
    seen_pages = {}
    file_no = 0
    ext = {'jpeg': 'jpg', 'png': 'png', 'tiff': 'tif', 'pdf': 'pdf'}[args.format]
    for i, pg in enumerate(seq):
        rng = np.random.default_rng([args.seed, i + 1])
        info = infos[pg]
        img = rendered[pg]
        H, W = img.shape
        F, res = build_sheet(rng, args.deck, info, img, k, seal_base, seal_diam_pt, ss)
        p = scanner_params(rng, args.deck, args.dpi, deck_bg)
        p['format'] = args.format
        if args.format in ('png', 'tiff'):
            p['jpeg_quality'] = None
        out = scan_image(rng, F, p, k)
        A = affine_pt_to_px(p, k, W, H)
        regs, regf = [], []
        fb = p.get('flatbed_border_mm') or {}
        mg = {e: (fb.get(e, 0) * MM * k + 1) for e in ('top', 'bottom', 'left', 'right')}
        for r in info['reg']:
            if r is None:
                regs.append(None)
                regf.append(None)
                continue
            gx, gy = np.meshgrid(np.linspace(r[0], r[2], 9), np.linspace(r[1], r[3], 9))
            pts = np.stack([gx.ravel(), gy.ravel(), np.ones(gx.size)], 1) @ A.T
            ok = ((pts[:, 0] >= mg['left']) & (pts[:, 0] <= W - 1 - mg['right'])
                  & (pts[:, 1] >= mg['top']) & (pts[:, 1] <= H - 1 - mg['bottom']))
            regs.append(bool(ok.all()))
            regf.append(round(float(ok.mean()), 2))
        scanner = dict(p)
        scanner['reg_marks_in_frame'] = regs          # tl, tr, bl, br of the printed page
        scanner['reg_marks_visible_fraction'] = regf
        scanner['affine_pt_to_px'] = [[round(v, 5) for v in row] for row in A.tolist()]
        scanner['size_px'] = [W, H]
        if args.format == 'pdf':
            scanner['dpi_in_file'] = True
        data = encode(out, args.format, p)
        file_no += 1
        if args.format == 'pdf':
            fname = 'deck.pdf'
            pdf_pages.append((data, W, H, args.dpi))
            page_in_file = len(pdf_pages)
        else:
            fname = 'sheet-%04d.%s' % (file_no, ext)
            with open(os.path.join(args.out, fname), 'wb') as f:
                f.write(data)
            page_in_file = 1
        rec = {'file': fname, 'page': page_in_file, 'ballot_page': pg, 'deck': args.deck,
               'struck': res['struck'], 'needs_human': bool(res['reasons']),
               'reasons': res['reasons'], 'marks': res['marks'], 'scanner': scanner,
               'serial': info['serial'], 'candidates': len(info['cands']),
               'serial_repeated': pg in seen_pages, 'seal': res['seal'],
               'writing': res['writing'], 'pen': res['pen']}
        if pg in seen_pages:
            rec['repeat_of_sheet'] = seen_pages[pg]
        else:
            seen_pages[pg] = i + 1
        rec['sheet'] = i + 1
        answers.append(rec)
        if args.duplex:
            B, q, amt = back_page(rng, F, p)
            q = dict(q)
            bout = scan_image(rng, B, q, k)
            bdata = encode(bout, args.format, q)
            file_no += 1
            if args.format == 'pdf':
                bname = 'deck.pdf'
                pdf_pages.append((bdata, W, H, args.dpi))
                bpage = len(pdf_pages)
            else:
                bname = 'sheet-%04d.%s' % (file_no, ext)
                with open(os.path.join(args.out, bname), 'wb') as f:
                    f.write(bdata)
                bpage = 1
            answers.append({'file': bname, 'page': bpage, 'blank': True,
                            'back_of_sheet': i + 1, 'show_through': round(amt, 3)})
        if not args.quiet and (i + 1) % 25 == 0:
            print('%d/%d sheets  %.1fs' % (i + 1, len(seq), time.time() - t_start), file=sys.stderr)
    if args.format == 'pdf':
        write_pdf(os.path.join(args.out, 'deck.pdf'), pdf_pages)
    with open(os.path.join(args.out, 'answers.json'), 'w', encoding='utf-8') as f:
        json.dump(answers, f, ensure_ascii=False, indent=1)
    if not args.quiet:
        print('wrote %d sheets (%d pages) to %s in %.1fs' % (
            len(seq), len(answers), args.out, time.time() - t_start), file=sys.stderr)


if __name__ == '__main__':
    main()
