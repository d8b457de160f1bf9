import CZlib
import Foundation

/// Just enough of PNG to check a browser's screenshot: 8-bit RGB or RGBA, non-interlaced.
struct PNGImage {
    let width: Int
    let height: Int
    /// Bytes per pixel (3 or 4).
    let channels: Int
    /// Unfiltered pixel rows, `width * channels` bytes each.
    let pixels: [UInt8]

    enum Failure: Error {
        case notPNG
        case unsupported(String)
        case inflate(Int32)
    }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw Failure.notPNG
        }
        var offset = 8
        var width = 0
        var height = 0
        var colourType: UInt8 = 0
        var compressed: [UInt8] = []
        func be32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            switch type {
            case "IHDR":
                width = be32(body)
                height = be32(body + 4)
                guard bytes[body + 8] == 8 else { throw Failure.unsupported("bit depth \(bytes[body + 8])") }
                colourType = bytes[body + 9]
                guard bytes[body + 12] == 0 else { throw Failure.unsupported("interlaced") }
            case "IDAT": compressed.append(contentsOf: bytes[body..<body + length])
            default: break
            }
            offset = body + length + 4
        }
        let channels: Int
        switch colourType {
        case 2: channels = 3
        case 6: channels = 4
        default: throw Failure.unsupported("colour type \(colourType)")
        }
        self.width = width
        self.height = height
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var destinationLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { destination in
            compressed.withUnsafeBufferPointer { source in
                uncompress(destination.baseAddress, &destinationLength, source.baseAddress, uLong(source.count))
            }
        }
        guard status == Z_OK else { throw Failure.inflate(status) }
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let input = row * (stride + 1) + 1
            let output = row * stride
            for column in 0..<stride {
                let x = raw[input + column]
                let a = column >= channels ? pixels[output + column - channels] : 0
                let b = row > 0 ? pixels[output - stride + column] : 0
                let c = row > 0 && column >= channels ? pixels[output - stride + column - channels] : 0
                let value: UInt8
                switch filter {
                case 0: value = x
                case 1: value = x &+ a
                case 2: value = x &+ b
                case 3: value = x &+ UInt8((Int(a) + Int(b)) / 2)
                case 4:
                    let p = Int(a) + Int(b) - Int(c)
                    let pa = abs(p - Int(a))
                    let pb = abs(p - Int(b))
                    let pc = abs(p - Int(c))
                    value = x &+ (pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
                default: throw Failure.unsupported("filter \(filter)")
                }
                pixels[output + column] = value
            }
        }
        self.pixels = pixels
        self.channels = channels
    }

    /// The colour at `(x, y)` as `0xRRGGBB`.
    func rgb(_ x: Int, _ y: Int) -> UInt32 {
        let at = (y * width + x) * channels
        return UInt32(pixels[at]) << 16 | UInt32(pixels[at + 1]) << 8 | UInt32(pixels[at + 2])
    }

    /// Distinct colours and how many pixels have each.
    func histogram() -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        for y in 0..<height {
            for x in 0..<width { counts[rgb(x, y), default: 0] += 1 }
        }
        return counts
    }
}
