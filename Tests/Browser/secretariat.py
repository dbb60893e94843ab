"""The secretariat's pages in a real browser (Selenium driving Debian's chromium).

Each step is done as a person does it (type, click, Enter), checked on the page as they
see it, checked by axe-core for serious or critical accessibility violations, and kept
as a screenshot under .build/browser/. Run by scripts/browser-test.sh against a live
server on a loopback port: BASE_URL, PASSWORD, OUT in the environment.
"""
import os
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["BASE_URL"]
PASSWORD = os.environ["PASSWORD"]
OUT = os.environ.get("OUT", ".build/browser")
# a delegate's code who has not come in (the hall-screen step admitted the first 200)
os.makedirs(OUT, exist_ok=True)

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 15)
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
    driver.save_screenshot(os.path.join(OUT, f"{step_number:02d}-{name}.png"))
    print(f"browser-test: {step_number:02d} {name}: {len(results['violations'])} axe findings, none serious" if not any(
        f.startswith(f"{step_number} ") for f in failures) else f"browser-test: {step_number:02d} {name}: FAILED")


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
    wait.until(EC.staleness_of(reason))
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
    wait.until(EC.staleness_of(field))
    step("absence-recorded", ["vắng có lý do: Ốm, có đơn xin phép", "Vắng mặt có lý do"])

    driver.get(BASE + "/sittings")
    step("sittings", ["Phiên họp"])

    driver.get(BASE + "/reports")
    step("reports", ["Báo cáo"])

    sign_in("kiemphieu")
    driver.get(BASE + "/elections")
    step("elections", ["Bầu cử"])

    # the administrator makes a kiosk's token: shown once, with the command to start it; then revokes it
    sign_in("bantochuc")
    driver.get(BASE + "/devices")
    name = driver.find_element(By.CSS_SELECTOR, "form[action='/devices'] input[name=name]")
    name.send_keys("Cửa B" + Keys.ENTER)
    wait.until(EC.staleness_of(name))
    step("kiosk-token-made", ["Mã của «Cửa B»", "chỉ hiện một lần", "kiosk --server " + BASE + " --token cg_"])
    driver.get(BASE + "/devices")
    if "cg_" in driver.find_element(By.TAG_NAME, "main").text:
        failures.append("the token is shown again")
    button = driver.find_element(By.CSS_SELECTOR, "button[aria-label='Thu hồi mã của Cửa B']")
    button.click()
    wait.until(EC.staleness_of(button))
    step("kiosk-token-revoked", ["Đã thu hồi mã của «Cửa B»", "thu hồi lúc"])

    # a second clerk for the secretariat, who signs in at once
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/devices/people']")
    form.find_element(By.NAME, "username").send_keys("thuky2")
    form.find_element(By.NAME, "name").send_keys("Trần Thị Thư")
    form.find_element(By.NAME, "password").send_keys("mat-khau-thu-ky" + Keys.ENTER)
    wait.until(EC.staleness_of(form))
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

if failures:
    print("browser-test: what a person would see wrong:")
    for f in failures:
        print("browser-test: ✘ " + f)
    sys.exit(1)
print(f"browser-test: {step_number} steps passed; screenshots in {OUT}")
