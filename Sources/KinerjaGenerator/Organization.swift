import Foundation

// The synthetic organisation of a profile: instansi (agencies) and their units.
// The structure depends only on the profile (never on the seed), so every seed of a profile has the
// same units; people, results and stories depend on the seed.

/// What a unit does; decides the positions of its staff and where PPPK are hired.
enum UnitKind: UInt8, Sendable {
    case general, education, health, hospital, kecamatan

    /// Relative weight of PPPK hiring (teachers and health workers dominate PPPK).
    var pppkMultiplier: Double {
        switch self {
        case .education: 4
        case .health, .hospital: 3
        case .general: 0.6
        case .kecamatan: 0.4
        }
    }
}

struct OrgInstansi {
    var code: String
    var name: String
    /// Relative PNS size.
    var weightPNS: Double
    /// Relative PPPK size.
    var weightPPPK: Double
    /// Aceh: names may carry the Teuku / Cut honorifics.
    var isAceh: Bool
}

struct OrgUnit {
    var code: String
    var name: String
    var instansi: Int
    var parent: Int
    var kind: UnitKind
    /// Share of its instansi's staff (before the PPPK multiplier).
    var weight: Double
    var headTitle: String
}

struct Organization {
    var instansi: [OrgInstansi] = []
    var units: [OrgUnit] = []

    // MARK: - Profiles

    static func build(profile: Profile) -> Organization {
        var org = Organization()
        switch profile {
        case .city:
            let i = org.addInstansi(code: "PEMKO-LANGSA", name: "Pemerintah Kota Langsa", pns: 1, pppk: 1, aceh: true)
            org.addLangsa(instansi: i)
        case .province:
            let total = Double(profile.asn2024)
            var regions: [(String, Bool, Double)] = []
            for (name, kota) in Catalog.acehRegions {
                regions.append((name, kota, regionWeight(name: name, kota: kota)))
            }
            let regionSum = regions.reduce(0) { $0 + $1.2 }
            let provShare = 0.17
            let p = org.addInstansi(code: "PEMPROV-ACEH", name: "Pemerintah Aceh", pns: provShare, pppk: provShare * 0.7, aceh: true)
            org.addRegional(instansi: p, prefix: "PROV-ACEH", regionName: "Aceh", level: .province,
                            size: total * provShare, placeOffset: 0)
            for (k, (name, kota, w)) in regions.enumerated() {
                let share = (1 - provShare) * w / regionSum
                let code = (kota ? "PEMKO-" : "PEMKAB-") + slug(name)
                let full = (kota ? "Pemerintah Kota " : "Pemerintah Kabupaten ") + name
                let i = org.addInstansi(code: code, name: full, pns: share, pppk: share, aceh: true)
                if name == "Langsa" && kota {
                    org.addLangsa(instansi: i)
                } else {
                    org.addRegional(instansi: i, prefix: slug(name), regionName: name, level: kota ? .kota : .kabupaten,
                                    size: total * share, placeOffset: 7 * k + 3)
                }
            }
        case .national:
            org.buildNational(total: Double(profile.asn2024))
        }
        return org
    }

    private mutating func buildNational(total: Double) {
        // Shares of PNS (approximate): central 23%, provinces 16%, kabupaten/kota 61%.
        let centralThousands = Catalog.centralAgencies.reduce(0) { $0 + $1.thousands }
        var all: [(code: String, name: String, pns: Double, pppk: Double, aceh: Bool, build: Int)] = []
        for a in Catalog.centralAgencies {
            let s = 0.23 * a.thousands / centralThousands
            all.append((a.code, a.name, s, s * 0.03, false, 0))
        }
        let popSum = Catalog.provinces.reduce(0.0) { $0 + Organization.provinceWeight($1) }
        for p in Catalog.provinces {
            let s = 0.16 * Organization.provinceWeight(p) / popSum
            all.append(("PEMPROV-" + Organization.slug(p.name), p.government, s, s * 0.6, p.name == "Aceh", 1))
        }
        var regions: [(String, Bool, Bool)] = Catalog.acehRegions.map { ($0.0, $0.1, true) }
        for r in Catalog.otherRegions {
            if r.hasPrefix("K:") { regions.append((String(r.dropFirst(2)), true, false)) } else { regions.append((r, false, false)) }
        }
        let rw = regions.map { Organization.regionWeight(name: $0.0, kota: $0.1) }
        let rwSum = rw.reduce(0, +)
        for (k, r) in regions.enumerated() {
            let s = 0.61 * rw[k] / rwSum
            let code = (r.1 ? "PEMKO-" : "PEMKAB-") + Organization.slug(r.0)
            let name = (r.1 ? "Pemerintah Kota " : "Pemerintah Kabupaten ") + r.0
            all.append((code, name, s, s * 1.1, r.2, 2))
        }
        let kabNames = Set(regions.filter { !$0.1 }.map(\.0))
        for (k, e) in all.enumerated() {
            let i = addInstansi(code: e.code, name: e.name, pns: e.pns, pppk: e.pppk, aceh: e.aceh)
            let size = total * e.pns
            switch e.build {
            case 0:
                let a = Catalog.centralAgencies.first { $0.code == e.code }!
                addCentral(instansi: i, code: a.code, name: a.name, size: size, vertical: a.vertical, kind: a.kind,
                           regionNames: regions.map { ($0.1 ? "Kota " : "Kabupaten ") + $0.0 })
            case 1:
                let pname = String(e.code.dropFirst("PEMPROV-".count))
                addRegional(instansi: i, prefix: "PROV-" + pname, regionName: Catalog.provinces.first { "PEMPROV-" + Organization.slug($0.name) == e.code }!.name,
                            level: .province, size: size, placeOffset: 11 * k)
            default:
                let isKota = e.code.hasPrefix("PEMKO-")
                let name = String(e.name.dropFirst(isKota ? "Pemerintah Kota ".count : "Pemerintah Kabupaten ".count))
                if isKota && name == "Langsa" {
                    addLangsa(instansi: i)
                } else {
                    let prefix = (isKota && kabNames.contains(name) ? "KOTA-" : "") + Organization.slug(name)
                    addRegional(instansi: i, prefix: prefix, regionName: name, level: isKota ? .kota : .kabupaten,
                                size: size, placeOffset: 7 * k + 1)
                }
            }
        }
    }

    // MARK: - Builders

    mutating func addInstansi(code: String, name: String, pns: Double, pppk: Double, aceh: Bool) -> Int {
        instansi.append(OrgInstansi(code: code, name: name, weightPNS: pns, weightPPPK: pppk, isAceh: aceh))
        return instansi.count - 1
    }

    @discardableResult
    mutating func addUnit(_ instansi: Int, _ code: String, _ name: String, _ kind: UnitKind, _ weight: Double,
                          parent: Int = -1, head: String? = nil) -> Int {
        units.append(OrgUnit(code: code, name: name, instansi: instansi, parent: parent, kind: kind, weight: weight,
                             headTitle: head ?? "Kepala " + name))
        return units.count - 1
    }

    /// Kota Langsa as the city profile describes it: dinas, badan, kecamatan and a few UPTD sub-units.
    mutating func addLangsa(instansi i: Int) {
        let p = "LANGSA-"
        addUnit(i, p + "SETDA", "Sekretariat Daerah Kota Langsa", .general, 120, head: "Sekretaris Daerah Kota Langsa")
        addUnit(i, p + "SETDPRK", "Sekretariat Dewan Perwakilan Rakyat Kota Langsa", .general, 55, head: "Sekretaris DPRK Langsa")
        addUnit(i, p + "INSPEKTORAT", "Inspektorat Kota Langsa", .general, 45, head: "Inspektur Kota Langsa")
        addUnit(i, p + "BAPPEDA", "Badan Perencanaan Pembangunan Daerah", .general, 40)
        addUnit(i, p + "BPKD", "Badan Pengelolaan Keuangan Daerah", .general, 65)
        addUnit(i, p + "BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", .general, 38)
        addUnit(i, p + "BPBD", "Badan Penanggulangan Bencana Daerah", .general, 35)
        addUnit(i, p + "KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", .general, 22)
        let disdik = addUnit(i, p + "DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", .education, 1150)
        addUnit(i, p + "SMPN1", "UPTD SMP Negeri 1 Langsa", .education, 65, parent: disdik)
        addUnit(i, p + "SMPN2", "UPTD SMP Negeri 2 Langsa", .education, 55, parent: disdik)
        addUnit(i, p + "SMPN5", "UPTD SMP Negeri 5 Langsa", .education, 45, parent: disdik)
        let dinkes = addUnit(i, p + "DINKES", "Dinas Kesehatan", .health, 95)
        addUnit(i, p + "PKM-LANGSA-KOTA", "UPTD Puskesmas Langsa Kota", .health, 75, parent: dinkes)
        addUnit(i, p + "PKM-LANGSA-BARO", "UPTD Puskesmas Langsa Baro", .health, 65, parent: dinkes)
        addUnit(i, p + "PKM-LANGSA-TIMUR", "UPTD Puskesmas Langsa Timur", .health, 50, parent: dinkes)
        addUnit(i, p + "RSUD", "Rumah Sakit Umum Daerah Langsa", .hospital, 520, head: "Direktur Rumah Sakit Umum Daerah Langsa")
        addUnit(i, p + "DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", .general, 70)
        addUnit(i, p + "DISPERKIM", "Dinas Perumahan Rakyat dan Kawasan Permukiman", .general, 32)
        addUnit(i, p + "DISHUB", "Dinas Perhubungan", .general, 60)
        addUnit(i, p + "DLHK", "Dinas Lingkungan Hidup dan Kebersihan", .general, 85)
        addUnit(i, p + "DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", .general, 35)
        addUnit(i, p + "DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", .general, 30)
        addUnit(i, p + "DISKOMINFO", "Dinas Komunikasi, Informatika dan Persandian", .general, 30)
        addUnit(i, p + "DISPERINDAGKOP", "Dinas Perindustrian, Perdagangan, Koperasi dan UKM", .general, 45)
        addUnit(i, p + "DPKP", "Dinas Pertanian, Kelautan dan Pangan", .general, 60)
        addUnit(i, p + "DINSOS", "Dinas Sosial", .general, 35)
        addUnit(i, p + "SATPOLPP-WH", "Satuan Polisi Pamong Praja dan Wilayatul Hisbah", .general, 110)
        addUnit(i, p + "DP3AKB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", .general, 40)
        addUnit(i, p + "DISPORAPAR", "Dinas Pemuda, Olahraga dan Pariwisata", .general, 30)
        addUnit(i, p + "DSI", "Dinas Syariat Islam", .general, 25)
        for k in ["Langsa Baro", "Langsa Kota", "Langsa Lama", "Langsa Timur", "Langsa Barat"] {
            addUnit(i, p + "KEC-" + Organization.slug(k), "Kecamatan " + k, .kecamatan, k == "Langsa Kota" ? 35 : 31, head: "Camat " + k)
        }
    }

    enum RegionLevel { case province, kabupaten, kota }

    /// A provincial or kabupaten/kota government from a template of perangkat daerah, sized so that
    /// units average about a hundred staff.
    mutating func addRegional(instansi i: Int, prefix: String, regionName: String, level: RegionLevel,
                              size: Double, placeOffset: Int) {
        let p = prefix + "-"
        let where_ = level == .province ? "Provinsi \(regionName)" : (level == .kota ? "Kota \(regionName)" : "Kabupaten \(regionName)")
        let general: [(String, String, Double, String?)] = [
            ("SETDA", "Sekretariat Daerah", 3, "Sekretaris Daerah"),
            ("SETDPRD", level == .province ? "Sekretariat DPRD" : "Sekretariat DPRD \(where_)", 1.2, "Sekretaris DPRD"),
            ("INSPEKTORAT", "Inspektorat", 1, "Inspektur"),
            ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", 0.9, nil),
            ("BPKD", "Badan Pengelolaan Keuangan Daerah", 1.3, nil),
            ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 0.8, nil),
            ("BPBD", "Badan Penanggulangan Bencana Daerah", 0.7, nil),
            ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", 0.5, nil),
            ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 1.3, nil),
            ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", 0.6, nil),
            ("DISHUB", "Dinas Perhubungan", 1, nil),
            ("DLH", "Dinas Lingkungan Hidup", 1.2, nil),
            ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", 0.6, nil),
            ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 0.5, nil),
            ("DISKOMINFO", "Dinas Komunikasi, Informatika dan Statistik", 0.5, nil),
            ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", 0.6, nil),
            ("DISTAN", "Dinas Pertanian dan Pangan", 1.2, nil),
            ("DINSOS", "Dinas Sosial", 0.6, nil),
            ("SATPOLPP", "Satuan Polisi Pamong Praja", 1.5, nil),
            ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", 0.5, nil),
            ("DISPORA", "Dinas Pemuda dan Olahraga", 0.5, nil),
            ("DISPAR", "Dinas Pariwisata", 0.4, nil),
            ("DKP", "Dinas Kelautan dan Perikanan", 0.6, nil),
        ]
        let eduShare = level == .province ? 0.55 : 0.45
        let healthShare = 0.12, hospitalShare = 0.08
        let kecShare = level == .province ? 0.0 : 0.06
        let generalShare = 1 - eduShare - healthShare - hospitalShare - kecShare
        let gSum = general.reduce(0) { $0 + $1.2 }
        for g in general {
            addUnit(i, p + g.0, g.1, .general, generalShare * g.2 / gSum, head: g.3)
        }
        // Education: the dinas plus schools as UPTD sub-units.
        let disdik = addUnit(i, p + "DISDIK", "Dinas Pendidikan", .education, eduShare * 0.15)
        let nSchools = max(2, Int(eduShare * 0.85 * size / 90))
        var sd = 0, smp = 0
        for s in 0..<nSchools {
            let name: String
            let code: String
            if level == .province {
                let place = Catalog.places[(placeOffset + s / 3) % Catalog.places.count]
                if s % 3 == 2 { smp += 1; name = "UPTD SMK Negeri \(smp) \(place)"; code = "SMK\(smp)" } else {
                    sd += 1; name = "UPTD SMA Negeri \(sd) \(place)"; code = "SMA\(sd)"
                }
            } else if s % 3 == 2 {
                smp += 1; name = "UPTD SMP Negeri \(smp) \(regionName)"; code = "SMPN\(smp)"
            } else {
                sd += 1; name = "UPTD SD Negeri \(sd) \(regionName)"; code = "SDN\(sd)"
            }
            addUnit(i, p + code, name, .education, eduShare * 0.85 / Double(nSchools), parent: disdik)
        }
        // Health: the dinas, puskesmas (or provincial UPTD), hospitals.
        let dinkes = addUnit(i, p + "DINKES", "Dinas Kesehatan", .health, healthShare * 0.2)
        let nPkm = max(2, Int(healthShare * 0.8 * size / 70))
        for s in 0..<nPkm {
            let place = Catalog.places[(placeOffset + 2 * s) % Catalog.places.count]
            let suffix = s >= Catalog.places.count / 2 ? " \(s / (Catalog.places.count / 2) + 1)" : ""
            let name = level == .province ? "UPTD Balai Kesehatan \(place)\(suffix)" : "UPTD Puskesmas \(place)\(suffix)"
            addUnit(i, p + "PKM\(s + 1)", name, .health, healthShare * 0.8 / Double(nPkm), parent: dinkes)
        }
        let nRs = max(1, Int(hospitalShare * size / 450))
        for s in 0..<nRs {
            let name = s == 0 ? "Rumah Sakit Umum Daerah \(regionName)"
                : "Rumah Sakit Umum Daerah \(Catalog.places[(placeOffset + 5 * s + 1) % Catalog.places.count])"
            addUnit(i, p + (s == 0 ? "RSUD" : "RSUD\(s + 1)"), name, .hospital, hospitalShare / Double(nRs), head: "Direktur " + name)
        }
        if kecShare > 0 {
            let nKec = min(25, max(4, Int(size / 600)))
            for s in 0..<nKec {
                let place = Catalog.places[(placeOffset + 3 * s + 1) % Catalog.places.count]
                let unique = s >= Catalog.places.count / 3 ? " \(s)" : ""
                addUnit(i, p + "KEC\(s + 1)", "Kecamatan \(place)\(unique)", .kecamatan, kecShare / Double(nKec),
                        head: "Camat \(place)\(unique)")
            }
        }
    }

    /// A ministry or agency: secretariat, inspectorate, directorates general (or deputies) and,
    /// for vertical agencies, regional offices under the secretariat.
    mutating func addCentral(instansi i: Int, code: String, name: String, size: Double, vertical: Bool, kind: UnitKind,
                             regionNames: [String]) {
        let p = code + "-"
        let isMinistry = name.hasPrefix("Kementerian")
        let setjen = addUnit(i, p + (isMinistry ? "SETJEN" : "SETTAMA"), isMinistry ? "Sekretariat Jenderal" : "Sekretariat Utama",
                             .general, 0, head: isMinistry ? "Sekretaris Jenderal" : "Sekretaris Utama")
        addUnit(i, p + (isMinistry ? "ITJEN" : "ITTAMA"), isMinistry ? "Inspektorat Jenderal" : "Inspektorat Utama", .general, 0,
                head: isMinistry ? "Inspektur Jenderal" : "Inspektur Utama")
        let offices = vertical && size > 2000 ? Int(size * 0.9 / 110) : 0
        let topCount = offices > 0 ? min(6, 2 + Int(size / 15000)) : min(12, max(3, Int(size / 250)))
        for t in 0..<topCount {
            let topic = Catalog.centralTopics[(t + code.count) % Catalog.centralTopics.count]
            let n = isMinistry ? "Direktorat Jenderal \(topic)" : "Deputi Bidang \(topic)"
            addUnit(i, p + (isMinistry ? "DITJEN\(t + 1)" : "DEPUTI\(t + 1)"), n, .general, 0,
                    head: isMinistry ? "Direktur Jenderal \(topic)" : "Deputi Bidang \(topic)")
        }
        let topUnits = units.count - setjen
        let topShare = offices > 0 ? 0.1 : 1.0
        for u in setjen..<units.count { units[u].weight = topShare / Double(topUnits) }
        guard offices > 0 else { return }
        let nKanwil = min(offices, Catalog.provinces.count)
        var kanwil: [Int] = []
        for k in 0..<nKanwil {
            let prov = Catalog.provinces[k].name
            kanwil.append(addUnit(i, p + "KANWIL-" + Organization.slug(prov), "Kantor Wilayah \(name) Provinsi \(prov)",
                                  .general, 0.9 / Double(offices), parent: setjen))
        }
        for k in 0..<(offices - nKanwil) {
            let region = regionNames[k % regionNames.count]
            let round = k / regionNames.count
            let (n, kd): (String, UnitKind)
            switch kind {
            case .education where k % 5 < 3:
                n = code == "KEMENAG" ? "Madrasah Aliyah Negeri \(round * 3 + k % 5 + 1) \(region)" : "Politeknik Negeri \(region) \(round * 3 + k % 5 + 1)"
                kd = .education
            case .hospital where k % 2 == 0:
                n = "Rumah Sakit Umum Pusat \(region)\(round > 0 ? " \(round + 1)" : "")"
                kd = .hospital
            default:
                n = "Kantor \(name) \(region)\(round > 0 ? " \(round + 1)" : "")"
                kd = .general
            }
            addUnit(i, p + "UNIT\(String(k + 1).leftPadded(4))", n, kd, 0.9 / Double(offices), parent: kanwil[k % nKanwil])
        }
    }

    // MARK: - Helpers

    static func slug(_ s: String) -> String {
        var out = ""
        var dash = false
        for ch in s.uppercased() {
            if ch.isLetter || ch.isNumber {
                if dash && !out.isEmpty { out.append("-") }
                dash = false
                out.append(ch)
            } else {
                dash = true
            }
        }
        return out
    }

    /// A stable pseudo-random size weight for a kabupaten/kota (seed-independent).
    static func regionWeight(name: String, kota: Bool) -> Double {
        var h: UInt64 = 0xcbf29ce484222325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        h ^= kota ? 0x9E3779B97F4A7C15 : 0
        var sm = SplitMix64(state: h)
        let u1 = Double(sm.next() >> 11) * 0x1.0p-53, u2 = Double(sm.next() >> 11) * 0x1.0p-53
        let lognormalish = 0.55 + 0.9 * (u1 + u2) / 2
        var w = (kota ? 0.6 : 1.0) * lognormalish
        if kota && Catalog.bigCities.contains(name) { w *= 3.5 }
        return w
    }

    static func provinceWeight(_ p: (name: String, government: String, population: Double)) -> Double {
        let w = exp(0.6 * log(p.population + 0.5))
        return p.name == "DKI Jakarta" ? w * 4 : w
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
