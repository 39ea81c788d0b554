// Static reference lists for realistic synthetic data: names, places, agencies, position titles.
// None of these is a domain rule; they only make the data look Indonesian.

enum Catalog {
    // MARK: People

    static let maleGiven: [String] = [
        "Muhammad", "Ahmad", "Abdul", "Agus", "Budi", "Dedi", "Hendra", "Irfan", "Joko", "Rudi",
        "Andi", "Bambang", "Darmawan", "Eko", "Fajar", "Fikri", "Hadi", "Hasan", "Husein", "Ilham",
        "Iqbal", "Irwan", "Junaidi", "Khairul", "Lukman", "Mahmud", "Marzuki", "Mukhlis", "Nasrullah", "Nur",
        "Rahmat", "Ridwan", "Rizki", "Safrizal", "Syahrul", "Taufik", "Usman", "Wahyu", "Yusuf", "Zulkifli",
        "Arif", "Bayu", "Candra", "Dani", "Erwin", "Ferry", "Galih", "Gilang", "Hamdani", "Heri",
        "Indra", "Jamal", "Kurniawan", "Mulyadi", "Nanda", "Oki", "Putra", "Rahman", "Reza", "Saiful",
        "Samsul", "Sofyan", "Suhardi", "Sulaiman", "Teguh", "Tri", "Umar", "Yudi", "Zainal", "Zulfikar",
        "Ma'ruf", "Syafi'i", "Mu'min", "Anwar", "Azhar", "Badrul", "Chairul", "Darwis", "Edi", "Fadli",
        "Faisal", "Firdaus", "Hamzah", "Haris", "Ikhsan", "Imam", "Iskandar", "Jafar", "Kamal", "Khalid",
        "Maulana", "Mirza", "Munawar", "Nazar", "Nurdin", "Rasyid", "Rusli", "Said", "Salman", "Sayuti",
        "Syahputra", "Teuku", "Wildan", "Yahya", "Yulianto", "Zakaria", "Aditya", "Bagus", "Dimas", "Rangga",
    ]

    static let femaleGiven: [String] = [
        "Siti", "Nur", "Dewi", "Sri", "Rina", "Ratna", "Yuni", "Fitri", "Indah", "Lestari",
        "Aisyah", "Ani", "Cut", "Desi", "Dian", "Eka", "Elly", "Erna", "Evi", "Fatimah",
        "Hafsah", "Hayati", "Ida", "Intan", "Irma", "Juliana", "Kartika", "Khadijah", "Laila", "Lina",
        "Maya", "Mega", "Melati", "Mira", "Mulyani", "Nadia", "Nia", "Novi", "Nurul", "Putri",
        "Rahmi", "Rani", "Rika", "Rosmawati", "Safitri", "Sari", "Sarah", "Septi", "Suci", "Susanti",
        "Syarifah", "Tuti", "Ulfa", "Wati", "Widya", "Yanti", "Yulia", "Zahra", "Zuraida", "Zakiah",
        "Ainun", "Anisa", "Asmaul", "Cici", "Dara", "Diana", "Elvi", "Farah", "Hasnah", "Husna",
        "Ika", "Jannah", "Kurnia", "Liza", "Marlina", "Munira", "Nabila", "Nisa", "Nuraini", "Rahmah",
        "Ramlah", "Rosna", "Salmah", "Sakdiah", "Ummi", "Wardah", "Yusnidar", "Zainab", "Mar'atun", "Nurhaliza",
    ]

    static let maleSecond: [String] = [
        "Saputra", "Pratama", "Syahputra", "Firmansyah", "Kurniawan", "Nugroho", "Prasetyo", "Wibowo", "Setiawan", "Hidayat",
        "Gunawan", "Hakim", "Rahman", "Santoso", "Susanto", "Hartono", "Purnomo", "Suryadi", "Ramadhan", "Maulana",
        "Fadillah", "Akbar", "Hamdani", "Ridho", "Syahrial", "Fauzi", "Rizal", "Hakiki", "Anshari", "Zulkarnain",
    ]

    static let femaleSecond: [String] = [
        "Lestari", "Wulandari", "Rahmawati", "Handayani", "Purnamasari", "Puspitasari", "Maharani", "Permatasari", "Anggraini", "Safitri",
        "Ramadhani", "Fitriani", "Yuliana", "Novita", "Oktaviani", "Rahmadani", "Agustina", "Susilawati", "Marliana", "Yusnita",
        "Aini", "Maulida", "Khairunnisa", "Hasanah", "Zahara", "Safriani", "Mawarni", "Fadhilah", "Nurjannah", "Sa'adah",
    ]

    static let family: [String] = [
        "Nasution", "Siregar", "Lubis", "Harahap", "Hasibuan", "Simanjuntak", "Sitompul", "Ginting", "Tarigan", "Sembiring",
        "Manurung", "Hutapea", "Panjaitan", "Pane", "Daulay", "Ritonga", "Rangkuti", "Matondang", "Pohan", "Batubara",
        "Wijaya", "Kusuma", "Halim", "Tanjung", "Sinaga", "Pasaribu", "Situmorang", "Damanik", "Purba", "Saragih",
        "Mokoginta", "Lumban Gaol", "Pulungan", "Dalimunthe", "Hutagalung", "Silalahi", "Manullang", "Napitupulu", "Munthe", "Sihombing",
    ]

    // MARK: Places

    /// Kecamatan-like place names (used for kecamatan, puskesmas and schools of template regions).
    static let places: [String] = [
        "Kuta Alam", "Jaya Baru", "Meuraxa", "Syiah Kuala", "Baiturrahman", "Lueng Bata", "Ulee Kareng", "Banda Raya", "Kuta Raja", "Darul Imarah",
        "Ingin Jaya", "Lhoknga", "Peukan Bada", "Mesjid Raya", "Seulimeum", "Indrapuri", "Montasik", "Sukamakmur", "Kota Jantho", "Darussalam",
        "Sukajadi", "Sukamaju", "Sumber Rejo", "Tanjung Harapan", "Karang Anyar", "Sido Mulyo", "Mekar Sari", "Margahayu", "Cibeunying", "Lowokwaru",
        "Kebon Jeruk", "Tegal Sari", "Pasar Baru", "Medan Baru", "Medan Johor", "Tanjung Morawa", "Batang Kuis", "Percut Sei Tuan", "Labuhan Deli", "Hamparan Perak",
        "Lubuk Pakam", "Pagar Merbau", "Galang", "Bangun Purba", "Kota Baru", "Kota Lama", "Simpang Tiga", "Simpang Empat", "Padang Tiji", "Kembang Tanjong",
        "Bandar Baru", "Meureudu", "Ulim", "Jangka Buya", "Samalanga", "Jeunieb", "Peudada", "Juli", "Jeumpa", "Kota Juang",
        "Peusangan", "Makmur", "Gandapura", "Kuala", "Peudawa", "Idi Rayeuk", "Darul Aman", "Julok", "Nurussalam", "Ranto Peureulak",
        "Birem Bayeun", "Rantau Selamat", "Sungai Raya", "Manyak Payed", "Karang Baru", "Kejuruan Muda", "Bendahara", "Seruway", "Tenggulun", "Sekerak",
        "Bukit Tinggi", "Sungai Penuh", "Muara Bungo", "Air Hitam", "Batu Ampar", "Kampung Melayu", "Pondok Gede", "Cempaka Putih", "Tanah Abang", "Kemayoran",
        "Wonosari", "Sukoharjo", "Karangasem", "Sidorejo", "Purwodadi", "Tegalrejo", "Banjarsari", "Gondokusuman", "Umbulharjo", "Mergangsan",
    ]

    /// The 38 provinces: (name, government name, population in millions (approximate, for sizing only)).
    static let provinces: [(name: String, government: String, population: Double)] = [
        ("Aceh", "Pemerintah Aceh", 5.4), ("Sumatera Utara", "Pemerintah Provinsi Sumatera Utara", 15.1),
        ("Sumatera Barat", "Pemerintah Provinsi Sumatera Barat", 5.6), ("Riau", "Pemerintah Provinsi Riau", 6.6),
        ("Jambi", "Pemerintah Provinsi Jambi", 3.6), ("Sumatera Selatan", "Pemerintah Provinsi Sumatera Selatan", 8.7),
        ("Bengkulu", "Pemerintah Provinsi Bengkulu", 2.1), ("Lampung", "Pemerintah Provinsi Lampung", 9.2),
        ("Kepulauan Bangka Belitung", "Pemerintah Provinsi Kepulauan Bangka Belitung", 1.5),
        ("Kepulauan Riau", "Pemerintah Provinsi Kepulauan Riau", 2.1),
        ("DKI Jakarta", "Pemerintah Provinsi DKI Jakarta", 10.7), ("Jawa Barat", "Pemerintah Provinsi Jawa Barat", 49.9),
        ("Jawa Tengah", "Pemerintah Provinsi Jawa Tengah", 37.5), ("DI Yogyakarta", "Pemerintah Daerah DI Yogyakarta", 3.7),
        ("Jawa Timur", "Pemerintah Provinsi Jawa Timur", 41.4), ("Banten", "Pemerintah Provinsi Banten", 12.3),
        ("Bali", "Pemerintah Provinsi Bali", 4.4), ("Nusa Tenggara Barat", "Pemerintah Provinsi Nusa Tenggara Barat", 5.5),
        ("Nusa Tenggara Timur", "Pemerintah Provinsi Nusa Tenggara Timur", 5.5),
        ("Kalimantan Barat", "Pemerintah Provinsi Kalimantan Barat", 5.5),
        ("Kalimantan Tengah", "Pemerintah Provinsi Kalimantan Tengah", 2.7),
        ("Kalimantan Selatan", "Pemerintah Provinsi Kalimantan Selatan", 4.2),
        ("Kalimantan Timur", "Pemerintah Provinsi Kalimantan Timur", 3.9),
        ("Kalimantan Utara", "Pemerintah Provinsi Kalimantan Utara", 0.7),
        ("Sulawesi Utara", "Pemerintah Provinsi Sulawesi Utara", 2.6), ("Sulawesi Tengah", "Pemerintah Provinsi Sulawesi Tengah", 3.0),
        ("Sulawesi Selatan", "Pemerintah Provinsi Sulawesi Selatan", 9.2),
        ("Sulawesi Tenggara", "Pemerintah Provinsi Sulawesi Tenggara", 2.7), ("Gorontalo", "Pemerintah Provinsi Gorontalo", 1.2),
        ("Sulawesi Barat", "Pemerintah Provinsi Sulawesi Barat", 1.4), ("Maluku", "Pemerintah Provinsi Maluku", 1.9),
        ("Maluku Utara", "Pemerintah Provinsi Maluku Utara", 1.3), ("Papua", "Pemerintah Provinsi Papua", 1.0),
        ("Papua Barat", "Pemerintah Provinsi Papua Barat", 0.6), ("Papua Selatan", "Pemerintah Provinsi Papua Selatan", 0.5),
        ("Papua Tengah", "Pemerintah Provinsi Papua Tengah", 1.4), ("Papua Pegunungan", "Pemerintah Provinsi Papua Pegunungan", 1.4),
        ("Papua Barat Daya", "Pemerintah Provinsi Papua Barat Daya", 0.6),
    ]

    /// Kabupaten and kota of Aceh (the province profile): (name, isKota).
    static let acehRegions: [(String, Bool)] = [
        ("Aceh Besar", false), ("Aceh Barat", false), ("Aceh Barat Daya", false), ("Aceh Jaya", false),
        ("Aceh Selatan", false), ("Aceh Singkil", false), ("Aceh Tamiang", false), ("Aceh Tengah", false),
        ("Aceh Tenggara", false), ("Aceh Timur", false), ("Aceh Utara", false), ("Bener Meriah", false),
        ("Bireuen", false), ("Gayo Lues", false), ("Nagan Raya", false), ("Pidie", false), ("Pidie Jaya", false),
        ("Simeulue", false), ("Banda Aceh", true), ("Langsa", true), ("Lhokseumawe", true), ("Sabang", true),
        ("Subulussalam", true),
    ]

    /// Kabupaten/kota outside Aceh for the national profile: "K:" prefix = kota, otherwise kabupaten.
    static let otherRegions: [String] = [
        "Asahan", "Batu Bara", "Dairi", "Deli Serdang", "Humbang Hasundutan", "Karo", "Labuhanbatu", "Langkat",
        "Mandailing Natal", "Nias", "Padang Lawas", "Pakpak Bharat", "Samosir", "Serdang Bedagai", "Simalungun",
        "Tapanuli Selatan", "Tapanuli Tengah", "Tapanuli Utara", "Toba", "K:Medan", "K:Binjai", "K:Pematangsiantar",
        "K:Sibolga", "K:Tanjungbalai", "K:Tebing Tinggi", "K:Padangsidimpuan", "K:Gunungsitoli",
        "Agam", "Dharmasraya", "Lima Puluh Kota", "Padang Pariaman", "Pasaman", "Pesisir Selatan", "Sijunjung", "Solok",
        "Tanah Datar", "K:Padang", "K:Bukittinggi", "K:Payakumbuh", "K:Pariaman", "K:Sawahlunto", "K:Padang Panjang",
        "Bengkalis", "Indragiri Hilir", "Indragiri Hulu", "Kampar", "Kuantan Singingi", "Pelalawan", "Rokan Hilir",
        "Rokan Hulu", "Siak", "K:Pekanbaru", "K:Dumai",
        "Batanghari", "Bungo", "Kerinci", "Merangin", "Muaro Jambi", "Sarolangun", "Tebo", "K:Jambi", "K:Sungai Penuh",
        "Banyuasin", "Lahat", "Muara Enim", "Musi Banyuasin", "Musi Rawas", "Ogan Ilir", "Ogan Komering Ilir",
        "Ogan Komering Ulu", "K:Palembang", "K:Lubuklinggau", "K:Pagar Alam", "K:Prabumulih",
        "Bengkulu Utara", "Bengkulu Selatan", "Kaur", "Kepahiang", "Mukomuko", "Rejang Lebong", "K:Bengkulu",
        "Lampung Barat", "Lampung Selatan", "Lampung Tengah", "Lampung Timur", "Lampung Utara", "Pesawaran", "Pringsewu",
        "Tanggamus", "Tulang Bawang", "Way Kanan", "K:Bandar Lampung", "K:Metro",
        "Bangka", "Belitung", "Bangka Barat", "K:Pangkalpinang", "Bintan", "Karimun", "Lingga", "Natuna", "K:Batam",
        "K:Tanjungpinang",
        "Bandung", "Bandung Barat", "Bekasi", "Bogor", "Ciamis", "Cianjur", "Cirebon", "Garut", "Indramayu", "Karawang",
        "Kuningan", "Majalengka", "Pangandaran", "Purwakarta", "Subang", "Sukabumi", "Sumedang", "Tasikmalaya",
        "K:Bandung", "K:Banjar", "K:Bekasi", "K:Bogor", "K:Cimahi", "K:Cirebon", "K:Depok", "K:Sukabumi", "K:Tasikmalaya",
        "Banjarnegara", "Banyumas", "Batang", "Blora", "Boyolali", "Brebes", "Cilacap", "Demak", "Grobogan", "Jepara",
        "Karanganyar", "Kebumen", "Kendal", "Klaten", "Kudus", "Magelang", "Pati", "Pekalongan", "Pemalang", "Purbalingga",
        "Purworejo", "Rembang", "Semarang", "Sragen", "Sukoharjo", "Tegal", "Temanggung", "Wonogiri", "Wonosobo",
        "K:Magelang", "K:Pekalongan", "K:Salatiga", "K:Semarang", "K:Surakarta", "K:Tegal",
        "Bantul", "Gunungkidul", "Kulon Progo", "Sleman", "K:Yogyakarta",
        "Bangkalan", "Banyuwangi", "Blitar", "Bojonegoro", "Bondowoso", "Gresik", "Jember", "Jombang", "Kediri", "Lamongan",
        "Lumajang", "Madiun", "Magetan", "Malang", "Mojokerto", "Nganjuk", "Ngawi", "Pacitan", "Pamekasan", "Pasuruan",
        "Ponorogo", "Probolinggo", "Sampang", "Sidoarjo", "Situbondo", "Sumenep", "Trenggalek", "Tuban", "Tulungagung",
        "K:Batu", "K:Blitar", "K:Kediri", "K:Madiun", "K:Malang", "K:Mojokerto", "K:Pasuruan", "K:Probolinggo", "K:Surabaya",
        "Lebak", "Pandeglang", "Serang", "Tangerang", "K:Cilegon", "K:Serang", "K:Tangerang", "K:Tangerang Selatan",
        "Badung", "Bangli", "Buleleng", "Gianyar", "Jembrana", "Karangasem", "Klungkung", "Tabanan", "K:Denpasar",
        "Bima", "Dompu", "Lombok Barat", "Lombok Tengah", "Lombok Timur", "Lombok Utara", "Sumbawa", "Sumbawa Barat",
        "K:Mataram", "K:Bima",
        "Alor", "Belu", "Ende", "Flores Timur", "Kupang", "Lembata", "Manggarai", "Ngada", "Sikka", "Sumba Barat",
        "Sumba Timur", "Timor Tengah Selatan", "Timor Tengah Utara", "K:Kupang",
        "Bengkayang", "Kapuas Hulu", "Ketapang", "Landak", "Mempawah", "Sambas", "Sanggau", "Sintang", "K:Pontianak",
        "K:Singkawang", "Barito Selatan", "Barito Utara", "Kapuas", "Katingan", "Kotawaringin Barat", "Kotawaringin Timur",
        "Pulang Pisau", "K:Palangka Raya", "Banjar", "Barito Kuala", "Hulu Sungai Selatan", "Hulu Sungai Tengah",
        "Hulu Sungai Utara", "Kotabaru", "Tabalong", "Tanah Laut", "Tapin", "K:Banjarmasin", "K:Banjarbaru",
        "Berau", "Kutai Barat", "Kutai Kartanegara", "Kutai Timur", "Paser", "Penajam Paser Utara", "K:Balikpapan",
        "K:Bontang", "K:Samarinda", "Bulungan", "Malinau", "Nunukan", "K:Tarakan",
        "Bolaang Mongondow", "Minahasa", "Minahasa Selatan", "Minahasa Utara", "Kepulauan Sangihe", "K:Manado", "K:Bitung",
        "K:Tomohon", "K:Kotamobagu", "Boalemo", "Bone Bolango", "Gorontalo", "Pohuwato", "K:Gorontalo",
        "Banggai", "Buol", "Donggala", "Morowali", "Parigi Moutong", "Poso", "Sigi", "Tolitoli", "K:Palu",
        "Bantaeng", "Barru", "Bone", "Bulukumba", "Enrekang", "Gowa", "Jeneponto", "Luwu", "Luwu Timur", "Luwu Utara",
        "Maros", "Pangkajene dan Kepulauan", "Pinrang", "Sidenreng Rappang", "Sinjai", "Soppeng", "Takalar", "Tana Toraja",
        "Wajo", "K:Makassar", "K:Palopo", "K:Parepare", "Majene", "Mamuju", "Polewali Mandar",
        "Buton", "Kolaka", "Konawe", "Muna", "Wakatobi", "Bombana", "K:Kendari", "K:Baubau",
        "Buru", "Maluku Tengah", "Seram Bagian Barat", "Kepulauan Aru", "K:Ambon", "K:Tual",
        "Halmahera Barat", "Halmahera Utara", "Kepulauan Sula", "K:Ternate", "K:Tidore Kepulauan",
        "Jayapura", "Biak Numfor", "Keerom", "Merauke", "Mimika", "Nabire", "Jayawijaya", "K:Jayapura",
        "Manokwari", "Fakfak", "Kaimana", "Sorong", "Raja Ampat", "K:Sorong",
    ]

    /// Large cities whose governments are bigger than the average kota.
    static let bigCities: Set<String> = ["Medan", "Bandung", "Semarang", "Surabaya", "Makassar", "Palembang", "Bekasi",
                                         "Tangerang", "Depok", "Batam", "Pekanbaru", "Padang", "Malang", "Bandar Lampung"]

    /// Central agencies for the national profile: (code, name, PNS in thousands (approximate), has regional offices, sub-unit kind).
    static let centralAgencies: [(code: String, name: String, thousands: Double, vertical: Bool, kind: UnitKind)] = [
        ("KEMENAG", "Kementerian Agama", 220, true, .education),
        ("KEMENKEU", "Kementerian Keuangan", 80, true, .general),
        ("KEMENKUMHAM", "Kementerian Hukum dan Hak Asasi Manusia", 58, true, .general),
        ("KEMENDIKBUDRISTEK", "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi", 60, true, .education),
        ("KEMENKES", "Kementerian Kesehatan", 50, true, .hospital),
        ("KEMHAN", "Kementerian Pertahanan", 45, true, .general),
        ("POLRI", "Kepolisian Negara Republik Indonesia", 24, true, .general),
        ("KEJAKSAAN", "Kejaksaan Republik Indonesia", 25, true, .general),
        ("MA", "Mahkamah Agung", 30, true, .general),
        ("ATRBPN", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional", 33, true, .general),
        ("KEMENTAN", "Kementerian Pertanian", 24, true, .general),
        ("KEMENPUPR", "Kementerian Pekerjaan Umum dan Perumahan Rakyat", 20, true, .general),
        ("KEMENHUB", "Kementerian Perhubungan", 25, true, .general),
        ("KLHK", "Kementerian Lingkungan Hidup dan Kehutanan", 15, true, .general),
        ("BPS", "Badan Pusat Statistik", 15, true, .general),
        ("KKP", "Kementerian Kelautan dan Perikanan", 10, true, .general),
        ("BRIN", "Badan Riset dan Inovasi Nasional", 12, false, .general),
        ("KEMENDAGRI", "Kementerian Dalam Negeri", 8, false, .general),
        ("BPK", "Badan Pemeriksa Keuangan", 7, true, .general),
        ("BPKP", "Badan Pengawasan Keuangan dan Pembangunan", 6, true, .general),
        ("KEMENSOS", "Kementerian Sosial", 5, false, .general),
        ("KEMNAKER", "Kementerian Ketenagakerjaan", 5, false, .general),
        ("BMKG", "Badan Meteorologi, Klimatologi, dan Geofisika", 5, true, .general),
        ("BPOM", "Badan Pengawas Obat dan Makanan", 5, true, .general),
        ("KEMENESDM", "Kementerian Energi dan Sumber Daya Mineral", 5, false, .general),
        ("KEMENPERIN", "Kementerian Perindustrian", 5, false, .general),
        ("KEMENLU", "Kementerian Luar Negeri", 4, false, .general),
        ("KEMENDAG", "Kementerian Perdagangan", 4, false, .general),
        ("BNN", "Badan Narkotika Nasional", 4, true, .general),
        ("KEMENKOMINFO", "Kementerian Komunikasi dan Informatika", 3, false, .general),
        ("BASARNAS", "Badan Nasional Pencarian dan Pertolongan", 3, true, .general),
        ("BKN", "Badan Kepegawaian Negara", 2, true, .general),
        ("KEMENDESA", "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", 2, false, .general),
        ("SETNEG", "Kementerian Sekretariat Negara", 2, false, .general),
        ("KPK", "Komisi Pemberantasan Korupsi", 1.5, false, .general),
        ("BAPPENAS", "Kementerian Perencanaan Pembangunan Nasional/Bappenas", 1, false, .general),
        ("LAN", "Lembaga Administrasi Negara", 1, false, .general),
        ("BNPB", "Badan Nasional Penanggulangan Bencana", 1, false, .general),
        ("BIG", "Badan Informasi Geospasial", 1, false, .general),
        ("KEMENPORA", "Kementerian Pemuda dan Olahraga", 1, false, .general),
        ("KEMENPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", 0.5, false, .general),
        ("ANRI", "Arsip Nasional Republik Indonesia", 0.5, false, .general),
    ]

    /// Topics for Direktorat Jenderal / Deputi names of central agencies.
    static let centralTopics: [String] = [
        "Pelayanan Publik", "Perencanaan dan Anggaran", "Pembinaan Kelembagaan", "Pengawasan dan Pengendalian",
        "Pengembangan Kapasitas", "Kerja Sama dan Hubungan Antarlembaga", "Informasi dan Data", "Sarana dan Prasarana",
        "Pembinaan Teknis", "Penegakan Aturan",
    ]

    // MARK: Positions

    static let teacherTitles = ["Guru"]
    static let healthTitlesAhli = ["Dokter", "Perawat", "Bidan", "Apoteker", "Nutrisionis", "Penyuluh Kesehatan Masyarakat"]
    static let healthTitlesTerampil = ["Perawat", "Bidan", "Pranata Laboratorium Kesehatan", "Perekam Medis", "Sanitarian",
                                       "Nutrisionis", "Radiografer"]
    static let generalTitlesAhli = ["Analis Kebijakan", "Pranata Komputer", "Arsiparis", "Perencana",
                                    "Analis Sumber Daya Manusia Aparatur", "Pranata Hubungan Masyarakat", "Penyuluh Pertanian",
                                    "Auditor", "Statistisi", "Analis Anggaran", "Analis Keuangan Pusat dan Daerah"]
    static let generalTitlesTerampil = ["Pranata Komputer", "Arsiparis", "Penyuluh Pertanian", "Statistisi", "Pengelola Pengadaan Barang/Jasa"]
    static let staffTitles = ["Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengelola Layanan Operasional",
                              "Operator Layanan Operasional", "Pengolah Data dan Informasi", "Pengelola Keuangan",
                              "Penelaah Teknis Kebijakan", "Pranata Barang dan Jasa"]
    static let staffTitlesLow = ["Pengemudi", "Petugas Keamanan", "Pramu Bakti", "Operator Layanan Operasional"]

    static let trainingTopics = ["Pelatihan Dasar CPNS", "Pelatihan Kepemimpinan Pengawas", "Pelatihan Kepemimpinan Administrator",
                                 "Pelatihan teknis pengelolaan keuangan daerah", "Pelatihan \"Smart ASN\" literasi digital",
                                 "Bimbingan teknis e-Kinerja", "Pelatihan pelayanan prima", "Pelatihan penyusunan SKP, indikator dan target"]
    static let awards = ["Satyalancana Karya Satya X Tahun", "Satyalancana Karya Satya XX Tahun", "Pegawai Teladan",
                         "Penghargaan inovasi pelayanan publik", "ASN berprestasi tingkat daerah"]
    static let sanctions = ["Hukuman disiplin ringan: teguran lisan", "Hukuman disiplin ringan: teguran tertulis",
                            "Hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 6 bulan",
                            "Hukuman disiplin berat: penurunan jabatan setingkat lebih rendah"]
}
