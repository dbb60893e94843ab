import CongressCore

/// The scan station. Until the kiosk issue it only says what it is.
print("kiosk \(KioskVersion.string): trạm quét thẻ đại biểu / badge scan station (not yet built)")

enum KioskVersion {
    static let string = "0.1.0"
}
