import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A folder the scanner drops its files into (thư mục máy quét), followed as files land:
/// the kernel says when a file is closed after writing or moved in (inotify), so a file is
/// read once it is whole, never while the scanner is still writing it. Files already there
/// when the watch begins are read first, oldest name first. Names a scanner or a copy uses
/// while writing (hidden, `.part`, `.tmp`, `~`) are passed over; the file they become is not.
struct FolderWatch {
    let path: String

    /// Set by Ctrl-C or a stop signal: the file being read is finished, then the watch ends.
    static let stopping = Atomic<Bool>(false)

    enum Failure: Error { case notAFolder(String), cannotWatch(String, Int32) }

    static func worthReading(_ name: String) -> Bool {
        !(name.hasPrefix(".") || name.hasSuffix("~") || [".part", ".tmp", ".crdownload", ".partial"].contains { name.lowercased().hasSuffix($0) })
    }

    static func isLink(_ path: String) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// Refused before anything is said to be watched.
    static func check(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { throw Failure.notAFolder(path) }
    }

    /// Calls `each` with the path of every entry in the folder, then of each that lands
    /// (a folder among them too, for the caller to say it is not read), until a stop
    /// signal (SIGINT, SIGTERM) arrives.
    func follow(_ each: (String) throws -> Void) throws {
        try Self.check(path)
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw Failure.cannotWatch(path, errno) }
        defer { close(fd) }
        // watching starts before the folder is listed: a file landing in between is seen twice
        // at worst (and read once: the store knows a file by its content)
        // a file is read when closed after writing or moved in; a link or a folder made there
        // is said the moment it is made (a link is read, a folder is not: it is said)
        guard inotify_add_watch(fd, path, UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)) >= 0 else {
            throw Failure.cannotWatch(path, errno)
        }
        let stops = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { Self.stopping.store(true, ordering: .relaxed) }
            source.resume()
            return source
        }
        defer { stops.forEach { $0.cancel() } }
        let present = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter(Self.worthReading).sorted()
        for name in present where !Self.stopping.load(ordering: .relaxed) {
            try each((path as NSString).appendingPathComponent(name))
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !Self.stopping.load(ordering: .relaxed) {
            // wait for the kernel's word, a quarter second at most: a stop is noticed within that
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, 250) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { continue }
            var offset = 0
            var landed: [String] = []
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (length, mask, name) = buffer.withUnsafeBytes { raw -> (Int, UInt32, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let bytes = raw[start..<min(n, start + Int(event.len))].prefix { $0 != 0 }
                    return (Int(event.len), event.mask, String(decoding: bytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + length
                guard !name.isEmpty, Self.worthReading(name) else { continue }
                // a plain file made is read when it is closed, not when it is opened
                if mask & UInt32(IN_CREATE) != 0, mask & UInt32(IN_ISDIR) == 0,
                   !Self.isLink((path as NSString).appendingPathComponent(name)) { continue }
                landed.append(name)
            }
            for name in landed where !Self.stopping.load(ordering: .relaxed) {
                // a file written again (a rescan under the same name) is read again
                try each((path as NSString).appendingPathComponent(name))
            }
        }
    }
}
