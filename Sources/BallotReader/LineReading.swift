import Documents

/// What the machine decides for one candidate's line (RULES.md §4.2, §4.5): struck only
/// when the whole name is crossed out, every word of it; kept when nothing crosses it, or
/// only the family or middle name, or an underline (not crossed); unclear whenever it is
/// not sure — the committee decides those. It never guesses.
///
/// It reads the line as a person does. A stroke crosses a word when it runs along the
/// word's width through the body of its letters (between the baseline and the x-height,
/// which the printer recorded); an underline stays below the baseline however it touches
/// the descenders (g p q y) and the dots of dấu nặng (ạ ị ọ …) that hang there. Where the
/// stroke passes over printed letters it cannot be seen (black on black): it is followed
/// across from where it went in to where it came out, along the straight line between.
public struct LineReading: Sendable, Hashable, Codable {
    public enum Decision: String, Sendable, Hashable, Codable { case struck, kept, unclear }

    public var part: Int
    /// As printed on the paper.
    public var number: Int
    public var decision: Decision
    /// For each word of the name, the share of its width a stroke runs along (0…1): the
    /// score kept with the reading.
    public var coverage: [Double]
    /// Ink in the line's band that does not run along the name (a tick, a dot), in mm².
    public var strayInk: Double

    /// A word is crossed when a stroke runs along this share of its width through the
    /// letters; a word is clear when less than `clear` of it is touched. Between: unclear.
    static let crossed = 0.85
    static let clear = 0.12
    /// Of a crossed word, the share of its width (and at least a millimetre) where the
    /// stroke is inside the body of the letters (a wavy or zig-zag strike leaves it now and
    /// then; an underline never enters).
    static let throughBody = 0.2
    /// The body, in x-heights above the baseline: an underline's centre stays below the
    /// lower bound however thick the pen; a strike's centre is inside.
    static let bodyLow = 0.15, bodyHigh = 1.0

    /// `neighbours`: the lines printed just above and below (their marks may spill over).
    static func read(_ line: BallotLayout.Line, in view: PaperView, neighbours: [BallotLayout.Line] = []) -> LineReading {
        var reading = readInk(line, in: view, neighbours: neighbours)
        // a line read as not crossed is looked at again for what may be ink: a faint stroke
        // (a pale pencil, a pen running dry) through the letters' body that the ink does not
        // show would leave it "kept"; then the committee decides. Where the ink itself runs
        // through the body along part of the name (a family name struck alone), the rest is
        // asked more keenly: a stroke seen to begin is more likely to go on, paler, than a
        // clean line is to hold one (an underline, under the body, is not such a start)
        // The line as what may be ink shows it, made once when asked: a pencil or a pen
        // running dry shows in pieces to the ink and whole to the faint marks.
        var paleReading: LineReading?
        func pale() -> LineReading {
            if let paleReading { return paleReading }
            let made = readInk(line, in: view, neighbours: neighbours, faint: true)
            paleReading = made
            return made
        }
        if reading.decision == .kept {
            let ink = StrokeTrace(line, in: view)
            let faint = faintStrokeShare(line, in: view, besides: ink)
            let keen = Double(faint.columns - faint.asked) >= 0.15 * Double(max(1, faint.columns))
            // faint marks along under 60 % of a clean name's width, which followed as strokes
            // show none through every word (the letters' own halo on a soft JPEG, an
            // underline's rim): kept, as the ink says
            let halo = !keen && faint.share < 0.6 && pale().decision == .kept
            if (faint.share >= (keen ? 0.2 : 0.4) && !halo) || faintLineAcross(line, in: view, ink: ink) || pale().decision == .struck {
                reading.decision = .unclear
            }
        }
        // a line the ink leaves unsure is followed again in what may be ink. Only a strike the
        // faint marks show by the same rules as the ink, through every word's body with
        // nothing stray, settles it; anything else stays with the committee
        if reading.decision == .unclear, pale().decision == .struck { reading = pale() }
        // a wide band no darker than a wash anywhere is a highlighter over the name, not a
        // pen's strike (from the outside try: yellow over three names was counted as three
        // struck): for the committee
        if reading.decision == .struck, isWash(line, in: view, neighbours: neighbours) { reading.decision = .unclear }
        return reading
    }

    /// A highlighter's wash over the name (bút dạ quang): the faint marks' stroke is as wide
    /// as a felt pen's or wider (1.5 mm), and next to none of it over the letters' body is
    /// ink. A pen's stroke, however pale its edges on a soft scan, is ink at its core (on
    /// the tuning decks at least 4 % of it, a yellow highlighter's none). A pink or orange
    /// highlighter is as dark as those pale felt pens and is not told apart (docs/reader.md).
    static func isWash(_ line: BallotLayout.Line, in view: PaperView, neighbours: [BallotLayout.Line]) -> Bool {
        inkShare(line, in: view) < 0.02 && StrokeTrace(line, in: view, faint: true, neighbours: neighbours).penWidth >= 1.5
    }

    /// Of what may be ink over the letters' body (not the print), the share that is ink.
    static func inkShare(_ line: BallotLayout.Line, in view: PaperView) -> Double {
        let (x0, y0, x1, y1) = view.pixel(line.body)
        guard x1 > x0, y1 > y0 else { return 1 }
        var faint = 0, ink = 0
        for y in y0..<y1 {
            for x in x0..<x1 where !view.printed[y * view.width + x] && view.faint[y * view.width + x] {
                faint += 1
                if view.ink[y * view.width + x] { ink += 1 }
            }
        }
        return faint == 0 ? 1 : Double(ink) / Double(faint)
    }

    /// Whether a line too pale for the ink threshold runs across the name: a hard pencil on
    /// a grainy scan is lost pixel by pixel in the paper's noise, but averaged along a few
    /// millimetres of paper it shows as a row darker than the paper. Looked for where nothing
    /// is printed and a strike through the name must pass: just before the name, in the
    /// spaces between its words, just after it; at the heights of the letters' body (an
    /// underline is below them). Darker rows in two such places: a line, for the committee.
    static func faintLineAcross(_ line: BallotLayout.Line, in view: PaperView, ink: StrokeTrace? = nil) -> Bool {
        faintSegments(line, in: view, ink: ink).filter { $0 }.count >= 2
    }

    /// For each place a strike must pass (before the name, each space, after it), whether a
    /// row there is darker than the paper (see `faintLineAcross`).
    /// `above`: the lowest height looked at, in x-heights over the baseline. `ink`: the
    /// line's strokes as the ink shows them; given, a place counts as inked only where one of
    /// them runs along a quarter of it (a pencil's grain leaves specks of ink the strokes
    /// leave out as noise, and the line they belong to is what is asked about).
    static func faintSegments(_ line: BallotLayout.Line, in view: PaperView, above: Double = 0.1, ink: StrokeTrace? = nil) -> [Bool] {
        let perMM = view.perMM
        func column(_ mm: Double) -> Int { max(0, min(view.width, Int(mm * perMM))) }
        var segments: [Range<Int>] = [column(line.ink.x - 2.5)..<column(line.ink.x - 0.3)]
        for (left, right) in zip(line.words, line.words.dropFirst()) { segments.append(column(left.maxX + 0.2)..<column(right.x - 0.2)) }
        segments.append(column(line.ink.maxX + 0.3)..<column(line.ink.maxX + 2.5))
        let top = max(0, Int((line.baseline - line.xHeight) * perMM)), bottom = min(view.height, Int((line.baseline - above * line.xHeight) * perMM))
        guard bottom > top else { return [] }
        // the paper here, and its grain: the median and the median absolute deviation of the
        // unprinted pixels of the band's rows along the whole line
        var values: [Int] = []
        let x0 = column(line.ink.x - 2.5), x1 = column(line.ink.maxX + 2.5)
        for y in max(0, top - 4)..<min(view.height, bottom + 4) {
            for x in x0..<x1 where !view.printed[y * view.width + x] { values.append(Int(view.grey[y * view.width + x])) }
        }
        guard values.count >= 50 else { return [] }
        values.sort()
        let paper = values[values.count / 2]
        var deviations = values.map { abs($0 - paper) }
        deviations.sort()
        let sigma = max(1.0, 1.4826 * Double(deviations[deviations.count / 2]))
        var darker: [Bool] = []
        for segment in segments {
            guard segment.count >= Int(0.5 * perMM) else { darker.append(false); continue }
            // where the ink already shows (a family name struck, the start of a stroke the ink
            // read), the ink has spoken: only paper with no ink is asked about a paler line
            let inked = ink.map { trace in 4 * segment.filter { trace.covered($0) }.count >= segment.count }
                ?? (top..<bottom).contains { y in segment.contains { view.ink[y * view.width + $0] } }
            if inked { darker.append(false); continue }
            var found = false
            for y in top..<bottom where !found {
                var sum = 0, n = 0
                for x in segment where !view.printed[y * view.width + x] {
                    sum += Int(view.grey[y * view.width + x])
                    n += 1
                }
                guard n >= Int(0.5 * perMM) else { continue }
                let darkness = Double(paper) - Double(sum) / Double(n)
                // clear of the grain's own wander over n pixels, and of a JPEG's faint halo
                if darkness >= 7, darkness >= 5 * sigma / Double(n).squareRoot() { found = true }
            }
            darker.append(found)
        }
        return darker
    }

    /// The share of the name's width left clear by the ink along which faint marks run
    /// through the letters' body, followed under the letters as the ink is (StrokeTrace on
    /// the faint marks): a pencil's strike shows in pieces between the letters. Where the
    /// ink shows a stroke (a family name struck alone) its own pale edges are not a second
    /// one: only the columns where the ink does not run through the body are asked.
    static func faintStrokeShare(_ line: BallotLayout.Line, in view: PaperView, besides ink: StrokeTrace) -> (share: Double, asked: Int, columns: Int) {
        let trace = StrokeTrace(line, in: view, faint: true)
        let xh = max(0.5, line.xHeight)
        func inBody(_ y: Double) -> Bool { let h = (line.baseline - y) / xh; return h >= bodyLow && h <= bodyHigh }
        let asked = trace.nameColumns.filter { !ink.centres($0).contains(where: inBody) }
        let through = asked.filter { trace.centres($0).contains(where: inBody) }.count
        return (Double(through) / Double(max(1, asked.count)), asked.count, trace.nameColumns.count)
    }

    /// The line as the ink shows it (`faint`: as what may be ink shows it).
    static func readInk(_ line: BallotLayout.Line, in view: PaperView, neighbours: [BallotLayout.Line], faint: Bool = false) -> LineReading {
        let trace = StrokeTrace(line, in: view, faint: faint, neighbours: neighbours)
        let perMM = view.perMM
        let xh = max(0.5, line.xHeight)
        /// A stroke's height at `y` (mm) in x-heights above the baseline.
        func height(_ y: Double) -> Double { (line.baseline - y) / xh }

        // one straight stroke along the whole name (a ruler's line, a diagonal from corner to
        // corner): where it passes the name's middle says whether it goes through the letters
        let straight = trace.straightLine()
        let straightThrough = straight.map { fit in
            let middle = (line.ink.x + line.ink.maxX) / 2
            let h = height(fit.y(middle))
            // not steeper than a diagonal across the name's own height
            let steepest = (line.ink.height + 1.5) / max(1, line.ink.width) * 1.3
            return h >= bodyLow && h <= bodyHigh && abs(fit.slope) <= steepest
        } ?? false

        /// The paper between each word and the next, in page columns (empty where they touch).
        let gaps = zip(line.words, line.words.dropFirst()).map { left, right in
            let a = Int((left.maxX * perMM).rounded(.up))
            return a..<max(a, Int(right.x * perMM))
        }
        /// A stroke crosses page column `x` inside the letters' body.
        func inBody(_ x: Int) -> Bool { trace.centres(x).contains { (bodyLow...bodyHigh).contains(height($0)) } }

        // a coil of loops along the name: inside a word its loops' tops show over the letters
        // and their bottoms under them in the same columns, what joins them hidden in the
        // letters; in a space between the words, where nothing hides it, the stroke is seen
        // going through the body's height (a loop's bottom may fill a narrow space; two
        // underlines, over and under the letters, are never seen there)
        let loopsAcross = gaps.contains { $0.contains(where: inBody) }
        var coverage: [Double] = []
        var wordCrossed: [Bool] = []
        // per word: the stroke goes through its body; and how far in from the name's own
        // ends the stroke shows (first word: from its left edge; last word: to its right)
        var through: [Bool] = []
        var reachesEnds = true
        for (k, word) in line.words.enumerated() {
            let x0 = max(0, Int(word.x * perMM)), x1 = min(view.width, Int((word.maxX * perMM).rounded(.up)))
            guard x1 > x0 else { coverage.append(0); wordCrossed.append(false); continue }
            let columns = x0..<x1
            var covered = columns.filter { trace.covered($0) }.count
            // a stroke that begins inside the first letter is hidden there (black on black):
            // the letter it comes out of counts, up to a wide capital's width (M, Đ); one that
            // ends inside the last letter, up to a small letter's (a stroke that stops short
            // of the given name must not be read as crossing it)
            let lead = Int(1.3 * line.capHeight * perMM), trail = Int(0.8 * line.capHeight * perMM), edge = max(1, Int(0.2 * perMM))
            // a short family name in bold (Lê, Đỗ, Mai) can hide a stroke through all of its
            // letters: where no gap or counter at the stroke's height would have shown it,
            // the stroke that comes out of the word went through it (the word's box begins a
            // hair before its first letter's ink); it counts as crossing the word's body
            // where it comes out of it
            var hiddenThrough = 0
            if k == 0, let first = columns.first(where: { trace.covered($0) }), first - x0 <= lead, trace.printedAcross(x0..<first) {
                covered += first - x0
            } else if k == 0, line.words.count > 1, let first = (x0..<(x1 + Int(0.3 * perMM))).first(where: { trace.covered($0) }),
                      let y = trace.centres(first).first, trace.hidden(min(first, x0 + edge)..<min(first, x1), at: y) {
                covered += min(first, x1) - x0
                if (bodyLow...bodyHigh).contains(height(y)) { hiddenThrough = min(first, x1) - x0 }
            }
            if k == line.words.count - 1, let last = columns.last(where: { trace.covered($0) }), x1 - 1 - last <= trail,
               trace.printedAcross((last + 1)..<x1) {
                covered += x1 - 1 - last
            }
            let share = Double(covered) / Double(x1 - x0)
            coverage.append(share)
            // where the stroke runs through the body of the letters: a wave or a zig-zag
            // leaves it now and then, a strike low in the letters touches its lower edge; an
            // underline never enters it
            let body = hiddenThrough + columns.filter { x in
                let heights = trace.centres(x).map(height)
                return heights.contains { (bodyLow...bodyHigh).contains($0) }
                    || (loopsAcross && heights.contains { $0 > bodyHigh } && heights.contains { $0 < bodyLow })
            }.count
            let throughEnough = Double(body) >= max(throughBody * Double(x1 - x0), 1.0 * perMM)
            wordCrossed.append(share >= crossed && (throughEnough || straightThrough))
            through.append(throughEnough || straightThrough)
            // a stroke may begin late in the family name (a hand starting at its second
            // letter) but must cross its body for a good part of it; it must end past the
            // given name's middle, the word that decides
            let half = (x1 - x0) / 2, lateStart = (x1 - x0) * 7 / 10
            if k == 0, hiddenThrough == 0, (columns.first(where: { trace.covered($0) }).map { $0 - x0 > lateStart } ?? true) { reachesEnds = false }
            if k == line.words.count - 1, (columns.last(where: { trace.covered($0) }).map { x1 - 1 - $0 > half } ?? true) { reachesEnds = false }
        }
        // ink in the band away from the name (a tick by the number, a dot): not a strike
        let stray = Double(trace.inkOutsideName) / (perMM * perMM)
        // every stroke along the name stays under the letters: an underline
        let underline = trace.allCentres.allSatisfy { height($0) < bodyLow }
            && trace.allTops.allSatisfy { height($0) < 0.5 }

        // one stroke through the whole name, read as a person reads it: it shows in every
        // space between the words (paper there: nothing hides it), it goes through the body
        // of every word, and it begins before the last three tenths of the first word and ends in the last
        // word's second half. Bold letters hide a stroke where it crosses them, so a word's
        // own coverage can be low (a narrow word, a stroke starting at the first letter);
        // the spaces cannot. A family name alone, all but the last word, an underline: each
        // leaves a space or a word's body without the stroke.
        let spaces = gaps.map { gap in gap.isEmpty ? 1 : Double(gap.filter { trace.covered($0) }.count) / Double(gap.count) }
        // a pencil on a grainy scan breaks up pixel by pixel, and its trace with it; between
        // the words, averaged along the space, it still shows as a row darker than the paper
        // at the letters' body (well above where an underline's blur could reach)
        // (a pass over the band's pixels: asked only when the trace alone does not settle it)
        var darkerMemo: Bool?
        func spacesDarker() -> Bool {
            if let darkerMemo { return darkerMemo }
            let segments = faint && line.words.count > 1 ? faintSegments(line, in: view, above: 0.3) : []
            let darker = segments.count == line.words.count + 1 && segments.dropFirst().dropLast().allSatisfy { $0 }
            darkerMemo = darker
            return darker
        }
        let throughWhole = line.words.count > 1 && reachesEnds && through.allSatisfy { $0 } && (spaces.allSatisfy { $0 >= 0.75 } || spacesDarker())
        // faint marks gather at the letters' edges on a soft scan (their own blur) and join an
        // underline's; between the words, where nothing is printed, a faint strike must be
        // seen at the body's height for most of each space
        let spacesThroughBody = gaps.allSatisfy { gap in !gap.isEmpty && 2 * gap.filter(inBody).count >= gap.count }

        let decision: Decision
        if !wordCrossed.isEmpty, wordCrossed.allSatisfy({ $0 }) || throughWhole, stray < 0.5,
           !faint || (line.words.count > 1 && (spacesThroughBody || spacesDarker())) {
            decision = .struck
        } else if coverage.allSatisfy({ $0 < clear }) && trace.allCentres.isEmpty && stray < 0.5 {
            // nothing along the name, and at most a speck around it
            decision = .kept
        } else if let given = coverage.last, given < clear, wordCrossed.contains(true),
                  zip(coverage, wordCrossed).allSatisfy({ $1 || $0 < clear }),
                  spaces.indices.allSatisfy({ wordCrossed[$0] == wordCrossed[$0 + 1] || spaces[$0] < 0.5 }), stray < 0.5,
                  !runsOnOutside(trace, perMM, after: line.words[wordCrossed.lastIndex(of: true) ?? 0].maxX) {
            // only the family or middle name crossed, the given name untouched: not crossed.
            // Not this rule's: a stroke that runs on across the space (half of it or more)
            // into a word it then leaves untouched has faded there (a pencil, a pen running
            // dry), not stopped; and one that leaves the name's window (above or below it)
            // beside the words it did not cross went on along them, slanting away
            decision = .kept
        } else if line.words.count > 1, let given = coverage.last, given == 0, coverage.dropLast().contains(where: { $0 >= clear }),
                  (spaces.last ?? 1) < 0.5, givenClear(line, trace, perMM),
                  givenClear(line, StrokeTrace(line, in: view, faint: true), perMM),
                  !faintSegments(line, in: view).suffix(2).contains(true), stray < 0.5,
                  !runsOnOutside(trace, perMM, after: line.words[line.words.count - 2].maxX) {
            // whatever is on the family or middle names, the given name is untouched, and so is
            // the space before it, by ink or by anything paler: the whole name is not crossed
            // (RULES.md §4.1)
            decision = .kept
        } else if underline, !trace.allCentres.isEmpty, stray < 0.5 {
            // an underline: under the letters all along, touching what hangs below at most
            decision = .kept
        } else if coverage.allSatisfy({ $0 < clear }),
                  Self.spilledFromNeighbours(line, in: view, bottom: line.baseline, neighbours: neighbours) {
            // the line above underlined with a thick pen, or the one below struck high: the
            // ink is theirs, long strokes reaching in from their bands, none in these letters
            decision = .kept
        } else {
            decision = .unclear
        }
        // a stroke on the note that tells a shared name apart ("(1981)") with the name itself
        // left standing is a mark the committee judges, never nothing
        var decided = decision
        if decided == .kept, let note = line.note {
            let a = Int(note.x * perMM), b = Int((note.maxX * perMM).rounded(.up))
            if b > a, Double((a..<b).filter { trace.covered($0) || !trace.centres($0).isEmpty }.count) >= 1.0 * perMM { decided = .unclear }
        }
        return LineReading(part: line.part, number: line.number, decision: decided, coverage: coverage, strayInk: stray)
    }

    /// Whether a stroke through the name's window runs on outside it, in the line's band,
    /// beside the words after `after` (mm): a diagonal through the family name passing under
    /// the given name.
    static func runsOnOutside(_ trace: StrokeTrace, _ perMM: Double, after: Double) -> Bool {
        let from = Int((after * perMM).rounded(.up))
        return trace.leavesWindow.contains { $0 >= from }
    }

    /// The given name's own columns and the 2 mm after the name hold no stroke at all.
    static func givenClear(_ line: BallotLayout.Line, _ trace: StrokeTrace, _ perMM: Double) -> Bool {
        guard let given = line.words.last else { return false }
        let a = Int(given.x * perMM), b = Int(((line.ink.maxX + 2) * perMM).rounded(.up))
        return b > a && (a..<b).allSatisfy { !trace.covered($0) && trace.centres($0).isEmpty }
    }

    /// Whether every inked pixel of the band outside this name's letters belongs to a stroke
    /// that comes from a neighbouring line's band, is at least 3 mm long (a strike or an
    /// underline, not a tick) and never touches this name's letters, tone marks included —
    /// or to this line's own underline, wholly under its letters.
    static func spilledFromNeighbours(_ line: BallotLayout.Line, in view: PaperView, bottom: Double,
                                      neighbours: [BallotLayout.Line]) -> Bool {
        guard !neighbours.isEmpty else { return false }
        let perMM = view.perMM, w = view.width
        let window = neighbours.reduce(line.row) { box, n in
            let x = min(box.x, n.row.x), y = min(box.y, n.row.y)
            return BallotLayout.Box(x: x, y: y, width: max(box.maxX, n.row.maxX) - x, height: max(box.maxY, n.row.maxY) - y)
        }
        let (wx0, wy0, wx1, wy1) = view.pixel(window)
        let (bx0, by0, bx1, by1) = view.pixel(line.row)
        let letters = BallotLayout.Box(x: line.ink.x - 1, y: line.ink.y, width: line.ink.width + 2, height: bottom - line.ink.y)
        let (lx0, ly0, lx1, ly1) = view.pixel(letters)
        func inLetters(_ x: Int, _ y: Int) -> Bool { x >= lx0 && x < lx1 && y >= ly0 && y < ly1 }
        var seen = Set<Int>()
        for y in by0..<by1 {
            for x in bx0..<bx1 where view.ink[y * w + x] && !seen.contains(y * w + x) {
                if inLetters(x, y) { return false }
                // the stroke this pixel is part of, within the window (8-connected)
                var stack = [y * w + x], minX = x, maxX = x, lowest = y, leaves = false
                seen.insert(y * w + x)
                while let i = stack.popLast() {
                    let px = i % w, py = i / w
                    if inLetters(px, py) { return false }
                    if py < by0 || py >= by1 { leaves = true }
                    minX = min(minX, px)
                    maxX = max(maxX, px)
                    lowest = min(lowest, py)
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let nx = px + dx, ny = py + dy
                            guard nx >= wx0, nx < wx1, ny >= wy0, ny < wy1 else { continue }
                            let j = ny * w + nx
                            if view.ink[j] && !seen.contains(j) {
                                seen.insert(j)
                                stack.append(j)
                            }
                        }
                    }
                }
                // this line's own underline (all of it under the letters) is judged as one
                let ownUnderline = !leaves && lowest >= Int(bottom * perMM)
                guard ownUnderline || (leaves && Double(maxX - minX) >= 3 * perMM) else { return false }
            }
        }
        return true
    }
}
