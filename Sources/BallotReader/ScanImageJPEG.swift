import CTurboJPEG
import Foundation

extension ScanImage {
    /// The page as a grey JPEG (TurboJPEG): what is kept of an aligned sheet for the
    /// committee's review, a tenth of the raw grey's size. Nil only when TurboJPEG fails.
    public func jpeg(quality: Int = 85) -> Data? {
        guard width > 0, height > 0, let handle = tjInitCompress() else { return nil }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        var source = pixels
        let status = tjCompress2(handle, &source, Int32(width), 0, Int32(height), Int32(TJPF_GRAY.rawValue), &output, &size,
                                 Int32(TJSAMP_GRAY.rawValue), Int32(max(1, min(100, quality))), 0)
        defer { if let output { tjFree(output) } }
        guard status == 0, let output else { return nil }
        return Data(bytes: output, count: Int(size))
    }
}
