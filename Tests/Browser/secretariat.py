"""The secretariat's pages in a real browser (Selenium driving Debian's chromium).

Each step is done as a person does it (type, click, Enter), checked on the page as they
see it, checked by axe-core for serious or critical accessibility violations, and kept
as a screenshot under .build/browser/. Run by scripts/browser-test.sh against a live
server on a loopback port: BASE_URL, PASSWORD, OUT in the environment.
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["BASE_URL"]
PASSWORD = os.environ["PASSWORD"]
OUT = os.environ.get("OUT", ".build/browser")
# a delegate's code who has not come in (the hall-screen step admitted the first 200)
os.makedirs(OUT, exist_ok=True)

DOWNLOADS = tempfile.mkdtemp(prefix="congress-downloads-")
options = webdriver.ChromeOptions()
# a Vietnamese browser: it asks for Vietnamese pages (Accept-Language)
options.add_experimental_option("prefs", {"download.default_directory": DOWNLOADS, "download.prompt_for_download": False,
                                          "plugins.always_open_pdf_externally": True, "intl.accept_languages": "vi-VN,vi"})
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi"]:
    options.add_argument(flag)
# the console, to catch anything the Content Security Policy refuses
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
# headless Chromium saves downloads only when told where
driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})
wait = WebDriverWait(driver, 15)


def gone(element):
    """The page that held `element` has been replaced (a form posted). Chromium may answer
    the check with "node does not belong to the document" while the new page comes in:
    that too means the old one is gone."""
    def check(d):
        try:
            return EC.staleness_of(element)(d)
        except WebDriverException:
            return True
    return check
failures = []
step_number = 0


def step(name, must_see):
    """The page now shown: it says what it must, axe finds nothing serious, a screenshot kept."""
    global step_number
    step_number += 1
    wait.until(EC.presence_of_element_located((By.TAG_NAME, "main")))
    text = driver.find_element(By.TAG_NAME, "body").text
    for words in must_see:
        if words not in text:
            failures.append(f"{step_number} {name}: the page does not say «{words}»")
    for bad in ["nil", "Optional(", "{{"]:
        if bad in driver.page_source:
            failures.append(f"{step_number} {name}: the page shows {bad}")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    for v in results["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
            failures.append(f"{step_number} {name}: axe {v['impact']} {v['id']} ({v['help']}) at {targets}")
    for entry in driver.get_log("browser"):
        # a refused inline style or script, or a script error (a page answered 4xx on purpose is not one)
        message = entry.get("message", "")
        if "Content Security Policy" in message or (entry.get("level") == "SEVERE" and "Failed to load resource" not in message):
            failures.append(f"{step_number} {name}: the browser's console says {entry['message'][:200]}")
    driver.save_screenshot(os.path.join(OUT, f"{step_number:02d}-{name}.png"))
    print(f"browser-test: {step_number:02d} {name}: {len(results['violations'])} axe findings, none serious" if not any(
        f.startswith(f"{step_number} ") for f in failures) else f"browser-test: {step_number:02d} {name}: FAILED")


def downloaded(name, timeout=30):
    """The file the browser saved as `name`, once it is whole."""
    path = os.path.join(DOWNLOADS, name)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path) and not glob.glob(os.path.join(DOWNLOADS, "*.crdownload")):
            return path
        time.sleep(0.2)
    raise RuntimeError(f"the browser did not download {name} (have {os.listdir(DOWNLOADS)})")


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def delegate_list(rows, path):
    """A delegate list file as the secretariat's spreadsheet saves it (CSV UTF-8 with BOM)."""
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return path


def sign_in(username):
    driver.get(BASE + "/login")
    field = wait.until(EC.element_to_be_clickable((By.NAME, "username")))
    field.send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait.until(lambda d: "/login" not in d.current_url)


try:
    driver.get(BASE + "/login")
    step("sign-in-page", ["Đăng nhập", "Tên đăng nhập", "Mật khẩu"])

    sign_in("thuky")
    step("delegates", ["Đại biểu", "Tổ thư ký"])

    # English and back, from the switch at the top of the page; the page it was pressed on stays
    driver.find_element(By.LINK_TEXT, "English").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    step("in-english", ["Delegates", "Find a delegate", "Sign out", "Tiếng Việt"])
    driver.find_element(By.LINK_TEXT, "Tiếng Việt").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi")
    step("back-in-vietnamese", ["Đại biểu", "Tìm đại biểu", "English"])

    # search without diacritics, from the keyboard
    box = driver.find_element(By.NAME, "q")
    box.send_keys("nga" + Keys.ENTER)
    wait.until(lambda d: "q=nga" in d.current_url)
    step("search", ["Hà Kim Nga"])

    driver.find_element(By.PARTIAL_LINK_TEXT, "Hà Kim Nga").click()
    wait.until(lambda d: "/delegates/" in d.current_url)
    step("delegate", ["Hà Kim Nga", "Điểm danh thủ công"])

    # a forgotten badge: a delegate not yet in, admitted by hand from the keyboard; their page shows it
    driver.get(BASE + "/delegates/" + os.environ["NOT_YET_IN"])
    step("delegate-not-yet-in", ["Điểm danh thủ công"])
    reason = driver.find_element(By.CSS_SELECTOR, "form[action$='/admit'] input[name=reason]")
    reason.send_keys(Keys.ENTER)
    wait.until(gone(reason))
    wait.until(EC.presence_of_element_located((By.TAG_NAME, "main")))
    if "Quên thẻ" not in driver.find_element(By.TAG_NAME, "main").text.split("Điểm danh thủ công")[0]:
        failures.append("the manual admission is not in the delegate's attendance")
    said = driver.find_elements(By.CSS_SELECTOR, "[role=status]")
    if not said or "Đã điểm danh thủ công" not in said[0].text:
        failures.append("the page does not say (role=status) what the admission did")
    step("admitted-by-hand", ["Quên thẻ", "Bàn thư ký"])

    # an absence with its reason, typed and sent with Enter
    driver.get(BASE + "/delegates/" + os.environ["ABSENT"])
    field = driver.find_element(By.CSS_SELECTOR, "form[action$='/absence'] input[name=reason]")
    field.send_keys("Ốm, có đơn xin phép" + Keys.ENTER)
    wait.until(gone(field))
    step("absence-recorded", ["vắng có lý do: Ốm, có đơn xin phép", "Vắng mặt có lý do"])

    # the delegate list from the secretariat's spreadsheet: first with two mistakes, both named
    with open("fixtures/delegates.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    broken = [list(r) for r in rows]
    broken[4][col["Giới tính"]] = "Khác"      # spreadsheet row 5
    broken[9][col["Họ và tên"]] = ""          # spreadsheet row 10
    work = tempfile.mkdtemp(prefix="congress-lists-")
    driver.get(BASE + "/delegates/import")
    step("import-page", ["Nhập danh sách đại biểu", "Xem trước"])
    driver.find_element(By.NAME, "file").send_keys(delegate_list(broken, os.path.join(work, "danh-sach-loi.csv")))
    driver.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
    wait.until(EC.presence_of_element_located((By.ID, "errors")))
    table = driver.find_element(By.CSS_SELECTOR, "table[aria-describedby=errors]").text
    for row_number, column in [("5", "D"), ("10", "C")]:
        if not any(line.split()[1:3] == [row_number, column] for line in table.splitlines()[1:] if len(line.split()) > 3):
            failures.append(f"the error table does not name row {row_number}, column {column}: {table}")
    step("import-two-errors", ["2 lỗi trong danh-sach-loi.csv — chưa nhập gì", "«Khác» không hợp lệ", "Nam hoặc Nữ",
                               "ô trống, nhưng cột này bắt buộc"])

    # corrected, with one delegate more and one seat changed: preview, then confirm
    fixed = [list(r) for r in rows]
    fixed[2][col["Số ghế"]] = "Z-99"
    extra = list(rows[1])
    extra[col["Mã đại biểu"]] = "DB0999"
    extra[col["Họ và tên"]] = "Nguyễn Thị Thêm"
    fixed.append(extra)
    driver.find_element(By.NAME, "file").send_keys(delegate_list(fixed, os.path.join(work, "danh-sach.csv")))
    driver.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
    wait.until(EC.presence_of_element_located((By.ID, "preview")))
    step("import-preview", ["Xem trước: danh-sach.csv", "thêm 1, sửa 1, xoá 0", "Nguyễn Thị Thêm", "Số ghế: A-02 → Z-99"])
    button = driver.find_element(By.CSS_SELECTOR, "form[action='/delegates/import/confirm'] button")
    button.click()
    wait.until(gone(button))
    step("import-confirmed", ["Đã nhập", "thêm 1, sửa 1, xoá 0"])

    # one delegation's badges as a PDF, read back as people and the door's scanner read it
    delegation = rows[1][col["Đoàn đại biểu"]]
    members = [r for r in fixed[1:] if r[col["Đoàn đại biểu"]] == delegation]
    driver.get(BASE + "/badges")
    step("badges-page", ["In thẻ đại biểu", f"{delegation} ({len(members)})"])
    form = driver.find_element(By.CSS_SELECTOR, "form:has(input[value=delegation])")
    form.find_element(By.NAME, "delegation").send_keys(delegation)
    form.find_element(By.TAG_NAME, "button").click()
    pdf = downloaded("the-doan.pdf")
    text = " ".join(run("pdftotext", pdf, "-").split())
    for r in members:
        if r[col["Họ và tên"]] not in text:
            failures.append(f"the delegation's badges PDF lacks {r[col['Họ và tên']]}")
    # vector anti-aliasing off, as the end-to-end badge test: modules crisp as a laser printer
    # draws them (anti-aliased at 200 dpi, one QR in eight blurs past what zbar reads)
    run("pdftoppm", "-r", "200", "-gray", "-aaVector", "no", "-png", pdf, os.path.join(work, "badge-page"))
    codes = run("zbarimg", "-q", "--raw", *sorted(glob.glob(os.path.join(work, "badge-page*.png")))).split()
    if len(codes) != len(members):
        failures.append(f"the scanner reads {len(codes)} QR codes off the PDF, not {len(members)}")
    print(f"browser-test: the badges of {delegation}: {len(members)} names in the PDF's text, {len(codes)} QR codes read back")

    # a lost badge reissued: the old one is refused from now on
    driver.get(BASE + "/delegates/" + os.environ["ABSENT"])
    reason = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "form[action$='/reissue'] input[name=reason]")))
    reason.send_keys(Keys.ENTER)
    wait.until(gone(reason))
    step("badge-reissued", ["Đã cấp lại thẻ cho " + os.environ["ABSENT"], "Thẻ số 2"])

    # an alternate takes the place of a delegate of the same delegation, by the decision
    alternate = next(r for r in rows[1:] if r[col["Loại đại biểu"]] == "Dự khuyết")
    replaced = next(r for r in rows[250:] if r[col["Đoàn đại biểu"]] == alternate[col["Đoàn đại biểu"]]
                    and r[col["Loại đại biểu"]] in ("Bầu", "Chỉ định", "Đương nhiên"))
    driver.get(BASE + "/delegates/" + alternate[col["Mã đại biểu"]])
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/substitutions']")
    form.find_element(By.NAME, "replaced").send_keys(replaced[col["Mã đại biểu"]])
    form.find_element(By.NAME, "decision").send_keys("Quyết định số 12/QĐ-CĐ" + Keys.ENTER)
    wait.until(gone(form))
    step("substitution-recorded", ["Đã ghi nhận " + alternate[col["Mã đại biểu"]] + " thay cho " + replaced[col["Mã đại biểu"]],
                                   "thay cho " + replaced[col["Họ và tên"]]])

    driver.get(BASE + "/sittings")
    step("sittings", ["Phiên họp"])

    # the credentials report (báo cáo thẩm tra tư cách) downloaded and read
    driver.get(BASE + "/reports")
    step("reports", ["Báo cáo"])
    driver.find_element(By.CSS_SELECTOR, "a[href='/reports/tham-tra-tu-cach.pdf']").click()
    report = " ".join(run("pdftotext", downloaded("tham-tra-tu-cach.pdf"), "-").split())
    if "THẨM TRA TƯ CÁCH" not in report.upper():
        failures.append("the credentials report PDF does not say what it is")
    print("browser-test: the credentials report downloaded: " + report[:90])

    sign_in("kiemphieu")
    driver.get(BASE + "/elections")
    step("elections", ["Bầu cử"])

    # the hall screen, live: a delegate admitted at a door shows on it within a moment (its
    # script is a file, allowed by the Content Security Policy; nothing inline runs)
    driver.get(BASE + "/board?token=" + os.environ["VIEWER"])
    before = int(driver.find_element(By.ID, "present").text)
    request = urllib.request.Request(BASE + "/api/v1/admissions", method="POST",
                                     headers={"Authorization": "Bearer " + os.environ["KIOSK"], "Content-Type": "application/json"},
                                     data=json.dumps({"code": os.environ["LATE"], "station": "Cửa A", "reason": "Quên thẻ"}).encode())
    urllib.request.urlopen(request).read()
    WebDriverWait(driver, 10).until(lambda d: int(d.find_element(By.ID, "present").text) == before + 1)
    step("board-live", ["có mặt / triệu tập", "điều kiện tiến hành đại hội"])

    # the administrator makes a kiosk's token: shown once, with the command to start it; then revokes it
    sign_in("bantochuc")
    driver.get(BASE + "/devices")
    name = driver.find_element(By.CSS_SELECTOR, "form[action='/devices'] input[name=name]")
    name.send_keys("Cửa B" + Keys.ENTER)
    wait.until(gone(name))
    step("kiosk-token-made", ["Mã của «Cửa B»", "chỉ hiện một lần", "kiosk --server " + BASE + " --token cg_"])
    driver.get(BASE + "/devices")
    if "cg_" in driver.find_element(By.TAG_NAME, "main").text:
        failures.append("the token is shown again")
    button = driver.find_element(By.CSS_SELECTOR, "button[aria-label='Thu hồi mã của Cửa B']")
    button.click()
    wait.until(gone(button))
    step("kiosk-token-revoked", ["Đã thu hồi mã của «Cửa B»", "thu hồi lúc"])

    # a second clerk for the secretariat, who signs in at once
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/devices/people']")
    form.find_element(By.NAME, "username").send_keys("thuky2")
    form.find_element(By.NAME, "name").send_keys("Trần Thị Thư")
    form.find_element(By.NAME, "password").send_keys("mat-khau-thu-ky" + Keys.ENTER)
    wait.until(gone(form))
    step("person-added", ["Đã thêm thuky2 (tổ thư ký)", "Trần Thị Thư"])
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "username").send_keys("thuky2")
    driver.find_element(By.NAME, "password").send_keys("mat-khau-thu-ky" + Keys.ENTER)
    wait.until(lambda d: "/login" not in d.current_url)
    step("new-clerk-signed-in", ["Trần Thị Thư"])
except Exception as error:  # a step that could not be done: say where, keep the picture
    failures.append(f"after step {step_number}: {type(error).__name__} {getattr(error, 'msg', error)} at {driver.current_url}")
    driver.save_screenshot(os.path.join(OUT, f"{step_number + 1:02d}-stopped.png"))
finally:
    driver.quit()
    shutil.rmtree(DOWNLOADS, ignore_errors=True)
    if "work" in globals():
        shutil.rmtree(work, ignore_errors=True)

if failures:
    print("browser-test: what a person would see wrong:")
    for f in failures:
        print("browser-test: ✘ " + f)
    sys.exit(1)
print(f"browser-test: {step_number} steps passed; screenshots in {OUT}")
