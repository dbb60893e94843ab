import Foundation
import ZIPFoundation

/// A workbook made by hand for tests: parts (path, XML) zipped as Excel does, so that a test
/// can hold sheet XML no spreadsheet program would write.
enum TestWorkbook {
    static func zip(_ parts: [(path: String, xml: String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        for (path, xml) in parts {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
                bytes.subdata(in: Int($0)..<Int($0) + $1)
            }
        }
        return archive.data ?? Data()
    }
}
