import CLibCrypto

/// SHA-256 (FIPS 180-4), streaming: load-file fingerprints, migration checksums, token digests.
///
/// OpenSSL's, through libcrypto, which libpq links already. Its block code uses the CPU's SHA
/// instructions: a province year's 650 MB of files took 5 s of the loader's reading thread with
/// the Swift implementation kept here before (a third of the loader's CPU); `openssl speed -evp
/// sha256` hashes 1.5 GB/s on the same machine, under half a second for those files.
/// A value type: copying a hash in progress copies its state (`SHA256_CTX` is a plain C struct).
public struct SHA256: Sendable {
    private var context = SHA256_CTX()

    public init() {
        SHA256_Init(&context)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        SHA256_Update(&context, base, bytes.count)
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The digest. Finalizes this value; hash a copy to keep going.
    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        digest.withUnsafeMutableBufferPointer { _ = SHA256_Final($0.baseAddress, &context) }
        return digest
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hexString(hash.finalize())
    }

    public static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
