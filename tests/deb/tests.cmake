# Packaging and appliance tests (label deb): the Debian package built with CPack and
# checked with dpkg-deb and lintian, the systemd unit checked with systemd-analyze
# (verify, and the security exposure score), the systemd watchdog fed by the idle
# kiosk, and the kiosk under cage on a headless Wayland output shown by a screenshot;
# as root, a real install, reinstall and purge of the package (deb_install).
set(DEB_OUT ${CMAKE_BINARY_DIR}/deb-test)
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE DEB_ARCH
                OUTPUT_STRIP_TRAILING_WHITESPACE)
set(DEB_FILE ${DEB_OUT}/signpost_${PROJECT_VERSION}_${DEB_ARCH}.deb)

add_test(NAME deb_package
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/deb_build.sh ${CMAKE_BINARY_DIR} ${DEB_OUT})
set_tests_properties(deb_package PROPERTIES LABELS deb FIXTURES_SETUP deb_pkg)
add_test(NAME deb_contents COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/deb_check.sh ${DEB_FILE})
add_test(NAME deb_lintian COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/deb_lintian.sh ${DEB_FILE})
set_tests_properties(deb_contents deb_lintian PROPERTIES LABELS deb FIXTURES_REQUIRED deb_pkg)

set(UNIT_DIR ${PROJECT_SOURCE_DIR}/kiosk-config/systemd)
add_test(NAME systemd_unit
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/systemd_check.sh
                 ${UNIT_DIR}/signpost-kiosk.service --
                 Type=notify NotifyAccess=all WatchdogSec= Restart=always User=signpost
                 ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes PrivateNetwork=yes
                 ReadWritePaths=/var/lib/signpost TTYPath=/dev/tty1
                 Environment=LIBSEAT_BACKEND=seatd SystemCallFilter=mincore)
# The sync service (the only part with the network) and its timer.
add_test(NAME systemd_sync_unit
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/systemd_check.sh
                 ${UNIT_DIR}/signpost-sync.service $<TARGET_FILE:signpostctl>
                 ${UNIT_DIR}/signpost-sync.timer --
                 Type=oneshot User=signpost ProtectSystem=strict NoNewPrivileges=yes
                 PrivateTmp=yes ReadWritePaths=/var/lib/signpost UMask=0077
                 "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"
                 "ExecStart=/usr/bin/signpostctl sync --config /etc/signpost/kiosk.conf --once")
set_tests_properties(systemd_unit systemd_sync_unit PROPERTIES LABELS deb)

add_executable(notify_check deb/notify_check.c)
target_link_libraries(notify_check PRIVATE signpost_warnings)
add_test(NAME systemd_watchdog
         COMMAND notify_check ${CMAKE_CURRENT_BINARY_DIR}/tmp $<TARGET_FILE:signpost>
                 --windowed --size 800x600 --config ${PROJECT_SOURCE_DIR}/kiosk-config/kiosk.conf
                 --store ${CMAKE_BINARY_DIR}/content.db
                 --outbox ${CMAKE_CURRENT_BINARY_DIR}/tmp/outbox-watchdog.db)
set_tests_properties(systemd_watchdog PROPERTIES LABELS deb TIMEOUT 60)

add_test(NAME cage_home
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/cage_home.sh ${PROJECT_SOURCE_DIR}
                 $<TARGET_FILE:signpost> ${CMAKE_BINARY_DIR}/content.db
                 $<TARGET_FILE:golden_compare> ${CMAKE_CURRENT_BINARY_DIR}/cage-out)
set_tests_properties(cage_home PROPERTIES LABELS deb TIMEOUT 90)

# Root only: installs the package here, reinstalls over a changed config, purges it.
add_test(NAME deb_install
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/deb_install.sh ${DEB_FILE} ${PROJECT_SOURCE_DIR})
set_tests_properties(deb_install PROPERTIES LABELS deb FIXTURES_REQUIRED deb_pkg RUN_SERIAL ON
                     SKIP_RETURN_CODE 77 TIMEOUT 300)

# Opt-in (SIGNPOST_VM_TEST=1, root, Debian's archive; 6-15 minutes): a fresh Debian 12
# in a QEMU virtual machine, the package installed on it and the machine rebooted into
# the kiosk; its emulated screen must show home, then answer a tap.
add_test(NAME deb_vm_boot
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/deb/vm_install_boot.sh ${DEB_FILE}
                 $<TARGET_FILE:signpost> ${CMAKE_BINARY_DIR}/content.db ${PROJECT_SOURCE_DIR}
                 $<TARGET_FILE:golden_compare> ${CMAKE_CURRENT_BINARY_DIR}/vm-out)
set_tests_properties(deb_vm_boot PROPERTIES LABELS "deb;vm" FIXTURES_REQUIRED deb_pkg RUN_SERIAL ON
                     SKIP_RETURN_CODE 77 TIMEOUT 3600)
